export const PRODUCT_KINDS = ['PRODUCT', 'SERVICE'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
