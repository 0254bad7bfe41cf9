export const PRODUCT_KINDS = ['PRODUCT', 'SERVICE'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const CUSTOMER_TYPES = ['STAFF', 'VISITOR', 'PATIENT', 'WARD'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];
