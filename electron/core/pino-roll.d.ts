// pino-roll ships no types: the slice of its API the logger uses.
declare module 'pino-roll' {
  interface PinoRollOptions {
    file: string;
    size?: string | number;
    frequency?: string | number;
    extension?: string;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    mode?: number;
    sync?: boolean;
  }
  export interface RollStream {
    write(line: string): boolean;
    flushSync(): void;
    end(): void;
    on(event: string, cb: (...args: unknown[]) => void): void;
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<RollStream>;
}
