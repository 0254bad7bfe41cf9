export const ACCOUNT_TYPES = ['ASSET', 'LIABILITY', 'INCOME', 'EXPENSE', 'EQUITY'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const ENTRY_SOURCES = ['MANUAL', 'SALE', 'PURCHASE', 'INTERNAL_CONTRACT', 'GRANT', 'PAYROLL', 'REINVESTMENT', 'REVERSAL', 'OPENING'] as const;
export type EntrySource = (typeof ENTRY_SOURCES)[number];

export const REINVESTMENT_PURPOSES = ['NEW_ROLE', 'TRAINING', 'EQUIPMENT', 'PATIENT_BENEFIT', 'OTHER'] as const;
export type ReinvestmentPurpose = (typeof REINVESTMENT_PURPOSES)[number];

export const PROPOSAL_STATUSES = ['PROPOSED', 'APPROVED', 'REJECTED', 'SPENT'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** The chart of accounts every enterprise starts with. */
export const ACCOUNT_TEMPLATE: { code: string; name: string; type: AccountType }[] = [
  { code: '1000', name: 'Cash', type: 'ASSET' },
  { code: '1100', name: 'Bank', type: 'ASSET' },
  { code: '1200', name: 'Stock', type: 'ASSET' },
  { code: '1050', name: 'Card clearing', type: 'ASSET' },
  { code: '1300', name: 'Internal recharges receivable', type: 'ASSET' },
  { code: '1310', name: 'Patient accounts receivable', type: 'ASSET' },
  { code: '2100', name: 'Wages payable', type: 'LIABILITY' },
  { code: '4000', name: 'Sales', type: 'INCOME' },
  { code: '4100', name: 'Internal contracts', type: 'INCOME' },
  { code: '4200', name: 'Grants', type: 'INCOME' },
  { code: '5000', name: 'Cost of goods', type: 'EXPENSE' },
  { code: '5100', name: 'Wages', type: 'EXPENSE' },
  { code: '5200', name: 'Equipment', type: 'EXPENSE' },
  { code: '5300', name: 'Training', type: 'EXPENSE' },
  { code: '5400', name: 'Stock adjustments', type: 'EXPENSE' },
  { code: '5900', name: 'Other costs', type: 'EXPENSE' },
  { code: '5950', name: 'Cash over/short', type: 'EXPENSE' },
  { code: '3000', name: 'Retained surplus', type: 'EQUITY' },
  { code: '3100', name: 'Reinvestment reserve', type: 'EQUITY' },
];
