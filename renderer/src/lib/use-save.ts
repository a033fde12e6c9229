import { useState } from 'react';

/**
 * The state of one settings card's Save: busy while the call runs, the error
 * the engine answered (typed; FormStatus and the fields explain it), the
 * sentence shown once saved, and the problems found before any call, by
 * field (the same keys as the engine's field errors).
 */
export function useSave() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  const [problems, setProblems] = useState<Record<string, string>>({});

  /**
   * Clears the last outcome, checks, and writes unless a check found a problem.
   * @param write the call; resolves with the sentence that says what was saved.
   * @param check problems by field found on this computer; any stops the save.
   */
  const save = async (write: () => Promise<string>, check: () => Record<string, string> = () => ({})): Promise<void> => {
    setSaved(undefined);
    setError(undefined);
    const bad = check();
    setProblems(bad);
    if (Object.keys(bad).length) return;
    setBusy(true);
    try {
      setSaved(await write());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, saved, problems, save };
}
