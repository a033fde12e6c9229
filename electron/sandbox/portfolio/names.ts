// Name and street lists for the demo portfolio. Invented combinations only;
// emails use the reserved example.* domains and phones the fictional 555-01xx
// range, so the sandbox never holds anyone's real contact details.
// "Scott" is absent on purpose: the story's Scott Mills must be unambiguous.

export const FIRST_NAMES_EN_F = [
  'Emma', 'Olivia', 'Ava', 'Sophia', 'Charlotte', 'Amelia', 'Mia', 'Harper', 'Evelyn', 'Abigail',
  'Emily', 'Elizabeth', 'Sofia', 'Avery', 'Ella', 'Grace', 'Chloe', 'Victoria', 'Riley', 'Aria',
  'Anika', 'Mei', 'Fatima', 'Aisha', 'Yuki', 'Ananya', 'Leila', 'Nadia', 'Rosa', 'Ingrid',
] as const;

export const FIRST_NAMES_EN_M = [
  'Liam', 'Noah', 'Oliver', 'Elijah', 'James', 'William', 'Benjamin', 'Lucas', 'Henry', 'Theodore',
  'Jack', 'Levi', 'Alexander', 'Jackson', 'Mateo', 'Daniel', 'Michael', 'Mason', 'Sebastian', 'Ethan',
  'Arjun', 'Wei', 'Omar', 'Hiroshi', 'Ravi', 'Tariq', 'Kwame', 'Dmitri', 'Mateus', 'Connor',
] as const;

export const FIRST_NAMES_FR_F = [
  'Josée', 'Chloé', 'Camille', 'Léa', 'Manon', 'Juliette', 'Amélie', 'Geneviève', 'Maude', 'Noémie',
] as const;

export const FIRST_NAMES_FR_M = [
  'Étienne', 'Mathieu', 'Olivier', 'Jérôme', 'François', 'Luc', 'Benoît', 'Rémi', 'Gabriel', 'Théo',
] as const;

export const LAST_NAMES_EN = [
  'Smith', 'Brown', 'Tremblay', 'Martin', 'Roy', 'Wilson', 'MacDonald', 'Taylor', 'Campbell', 'Anderson',
  'Jones', 'Leblanc', 'Thompson', 'White', 'Williams', 'Johnson', 'Lee', 'Wong', 'Chen', 'Singh',
  'Patel', 'Nguyen', 'Kim', 'Li', 'Zhang', 'Sharma', 'Khan', 'Ahmed', 'Ali', 'Kaur',
  'Clarke', 'Walker', 'Young', 'King', 'Wright', 'Ferreira', 'Green', 'Baker', 'Adams', 'Nelson',
  'Hill', 'Ramirez', 'Campos', 'Rossi', 'Russo', 'Costa', 'Silva', 'Santos', 'Kowalski', 'Nowak',
  "O'Brien", "O'Neill", 'McKenzie', 'Fraser', 'Ross', 'Murray', 'Stewart', 'Reid', 'Graham', 'Hughes',
] as const;

export const LAST_NAMES_FR = [
  'Gagnon', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné', 'Ouellet', 'Pelletier',
  'Bélanger', 'Lévesque', 'Bergeron', 'Leclerc', 'Paquette', 'Girard', 'Simard', 'Boucher', 'Caron', 'Béland',
] as const;

export const COMPANY_NAMES = [
  'Ontario Inc.', 'Holdings Ltd.', 'Properties Inc.', 'Realty Corp.', 'Investments Ltd.',
] as const;

export const STREETS = [
  'Harbour Street', 'Yonge Street', 'Bay Street', 'Queens Quay West', 'King Street West',
  'Front Street East', 'Wellesley Street East', 'Bloor Street West', 'Spadina Avenue', 'Dundas Street West',
  'Sheppard Avenue East', 'Eglinton Avenue West', 'Lake Shore Boulevard West', 'Fort York Boulevard',
  'Bremner Boulevard', 'Mill Street', 'Church Street', 'Jarvis Street', 'Richmond Street West', 'Adelaide Street East',
] as const;

export const CITIES = ['Toronto', 'Mississauga', 'Markham', 'Vaughan', 'Oakville', 'Richmond Hill'] as const;

/** Condominium plan prefixes and the legal names they stand for. */
export const PLAN_PREFIXES = [
  { code: 'TSCC', legal: 'Toronto Standard Condominium Corporation' },
  { code: 'MTCC', legal: 'Metropolitan Toronto Condominium Corporation' },
  { code: 'YRSCC', legal: 'York Region Standard Condominium Corporation' },
  { code: 'PSCC', legal: 'Peel Standard Condominium Corporation' },
] as const;

export const EMAIL_DOMAINS = ['example.com', 'example.ca', 'example.org', 'example.net'] as const;
