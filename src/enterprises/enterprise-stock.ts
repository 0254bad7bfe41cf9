/** A tracked product whose stock on hand is below its reorder level. */
export interface LowStockItem {
  productId: string;
  name: string;
  stockOnHand: number;
  reorderLevel: number;
}

/** Provided by the catalogue (global), so the enterprise page lists low stock without importing it. */
export interface LowStockProvider {
  lowStock(enterpriseId: string): Promise<LowStockItem[]>;
}

export const LOW_STOCK = Symbol('LOW_STOCK');
