import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts the till and stock post to, added to charts made before this migration (new charts get them from the template). */
const NEW_ACCOUNTS = [
  { code: '1050', name: 'Card clearing', type: 'ASSET' },
  { code: '1310', name: 'Patient accounts receivable', type: 'ASSET' },
  { code: '5400', name: 'Stock adjustments', type: 'EXPENSE' },
  { code: '5950', name: 'Cash over/short', type: 'EXPENSE' },
];

export class Tills1796427952320 implements MigrationInterface {
  name = 'Tills1796427952320';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query("CREATE TABLE \"catalogue_customer_prices\" (\"id\" character varying(36) NOT NULL, \"productId\" character varying(36) NOT NULL, \"customerType\" character varying(10) NOT NULL, \"pricePence\" integer NOT NULL, \"effectiveOn\" date NOT NULL, \"createdByUserId\" character varying(36) NOT NULL, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_067aa9ba488a59f572113496034\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE UNIQUE INDEX \"ux_catalogue_customer_prices_from\" ON \"catalogue_customer_prices\" (\"productId\", \"customerType\", \"effectiveOn\") ");
      await q.query("CREATE TABLE \"till_sessions\" (\"id\" character varying(36) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"till\" character varying(40) NOT NULL, \"openKey\" character varying(80) NOT NULL, \"status\" character varying(8) NOT NULL, \"openingFloatPence\" integer NOT NULL, \"expectedCashPence\" integer, \"countedCashPence\" integer, \"journalEntryId\" character varying(36), \"openedByUserId\" character varying(36) NOT NULL, \"openedAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"closedByUserId\" character varying(36), \"closedAt\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_7882f80e16aa6af3abe346cd35c\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_till_sessions_till\" ON \"till_sessions\" (\"enterpriseId\", \"till\", \"openedAt\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_till_sessions_open\" ON \"till_sessions\" (\"openKey\") ");
      await q.query("CREATE TABLE \"till_sales\" (\"id\" character varying(36) NOT NULL, \"clientId\" character varying(64) NOT NULL, \"sessionId\" character varying(36) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"kind\" character varying(8) NOT NULL, \"customerType\" character varying(10) NOT NULL, \"totalPence\" integer NOT NULL, \"changePence\" integer NOT NULL, \"refundOfSaleId\" character varying(36), \"reason\" text, \"operatorUserId\" character varying(36) NOT NULL, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_9d824d2372c25eb4d94544f0bf8\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_till_sales_refund_of\" ON \"till_sales\" (\"refundOfSaleId\") ");
      await q.query("CREATE INDEX \"ix_till_sales_session\" ON \"till_sales\" (\"sessionId\", \"createdAt\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_till_sales_client\" ON \"till_sales\" (\"clientId\") ");
      await q.query("CREATE TABLE \"till_sale_lines\" (\"id\" character varying(36) NOT NULL, \"saleId\" character varying(36) NOT NULL, \"lineNo\" integer NOT NULL, \"productId\" character varying(36) NOT NULL, \"productName\" character varying(120) NOT NULL, \"category\" character varying(60) NOT NULL, \"quantity\" integer NOT NULL, \"unitPricePence\" integer NOT NULL, \"unitCostPence\" integer NOT NULL, \"incomeAccountCode\" character varying(10) NOT NULL, CONSTRAINT \"PK_a69b3542503f241881ca3ef9a93\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_till_sale_lines_sale\" ON \"till_sale_lines\" (\"saleId\") ");
      await q.query("CREATE TABLE \"till_payments\" (\"id\" character varying(36) NOT NULL, \"saleId\" character varying(36) NOT NULL, \"method\" character varying(16) NOT NULL, \"amountPence\" integer NOT NULL, \"patientId\" character varying(36), \"costCentreId\" character varying(36), CONSTRAINT \"PK_78a575a50e53d2b5571310b3313\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_till_payments_patient\" ON \"till_payments\" (\"patientId\") ");
      await q.query("CREATE INDEX \"ix_till_payments_sale\" ON \"till_payments\" (\"saleId\") ");
      await q.query("CREATE TABLE \"till_cash_movements\" (\"id\" character varying(36) NOT NULL, \"sessionId\" character varying(36) NOT NULL, \"kind\" character varying(4) NOT NULL, \"amountPence\" integer NOT NULL, \"reason\" text NOT NULL, \"byUserId\" character varying(36) NOT NULL, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_3f34f670bc8d7ffe3bba9d9fd95\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_till_cash_movements_session\" ON \"till_cash_movements\" (\"sessionId\") ");
      await q.query("CREATE TABLE \"stock_movements\" (\"id\" character varying(36) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"productId\" character varying(36) NOT NULL, \"kind\" character varying(8) NOT NULL, \"quantity\" integer NOT NULL, \"unitCostPence\" integer NOT NULL, \"onHandAfter\" integer NOT NULL, \"saleId\" character varying(36), \"reason\" text, \"journalEntryId\" character varying(36), \"byUserId\" character varying(36) NOT NULL, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_57a26b190618550d8e65fb860e7\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_stock_movements_product\" ON \"stock_movements\" (\"productId\", \"createdAt\") ");
      await q.query("ALTER TABLE \"catalogue_products\" ADD \"incomeAccountCode\" character varying(10) NOT NULL DEFAULT '4000'");
      await q.query("ALTER TABLE \"catalogue_products\" ADD \"trackStock\" boolean NOT NULL DEFAULT false");
      await q.query("ALTER TABLE \"catalogue_products\" ADD \"allowNegativeStock\" boolean NOT NULL DEFAULT false");
      await q.query("ALTER TABLE \"catalogue_products\" ADD \"stockOnHand\" integer NOT NULL DEFAULT '0'");
      await q.query("ALTER TABLE \"catalogue_products\" ADD \"averageCostPence\" integer NOT NULL DEFAULT '0'");
      await q.query("ALTER TABLE \"catalogue_products\" ADD \"reorderLevel\" integer");
    } else {
      await q.query("CREATE TABLE \"catalogue_customer_prices\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"productId\" varchar(36) NOT NULL, \"customerType\" varchar(10) NOT NULL, \"pricePence\" integer NOT NULL, \"effectiveOn\" date NOT NULL, \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL)");
      await q.query("CREATE UNIQUE INDEX \"ux_catalogue_customer_prices_from\" ON \"catalogue_customer_prices\" (\"productId\", \"customerType\", \"effectiveOn\") ");
      await q.query("CREATE TABLE \"till_sessions\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"till\" varchar(40) NOT NULL, \"openKey\" varchar(80) NOT NULL, \"status\" varchar(8) NOT NULL, \"openingFloatPence\" integer NOT NULL, \"expectedCashPence\" integer, \"countedCashPence\" integer, \"journalEntryId\" varchar(36), \"openedByUserId\" varchar(36) NOT NULL, \"openedAt\" datetime NOT NULL, \"closedByUserId\" varchar(36), \"closedAt\" datetime)");
      await q.query("CREATE INDEX \"ix_till_sessions_till\" ON \"till_sessions\" (\"enterpriseId\", \"till\", \"openedAt\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_till_sessions_open\" ON \"till_sessions\" (\"openKey\") ");
      await q.query("CREATE TABLE \"till_sales\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"clientId\" varchar(64) NOT NULL, \"sessionId\" varchar(36) NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"kind\" varchar(8) NOT NULL, \"customerType\" varchar(10) NOT NULL, \"totalPence\" integer NOT NULL, \"changePence\" integer NOT NULL, \"refundOfSaleId\" varchar(36), \"reason\" text, \"operatorUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL)");
      await q.query("CREATE INDEX \"ix_till_sales_refund_of\" ON \"till_sales\" (\"refundOfSaleId\") ");
      await q.query("CREATE INDEX \"ix_till_sales_session\" ON \"till_sales\" (\"sessionId\", \"createdAt\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_till_sales_client\" ON \"till_sales\" (\"clientId\") ");
      await q.query("CREATE TABLE \"till_sale_lines\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"saleId\" varchar(36) NOT NULL, \"lineNo\" integer NOT NULL, \"productId\" varchar(36) NOT NULL, \"productName\" varchar(120) NOT NULL, \"category\" varchar(60) NOT NULL, \"quantity\" integer NOT NULL, \"unitPricePence\" integer NOT NULL, \"unitCostPence\" integer NOT NULL, \"incomeAccountCode\" varchar(10) NOT NULL)");
      await q.query("CREATE INDEX \"ix_till_sale_lines_sale\" ON \"till_sale_lines\" (\"saleId\") ");
      await q.query("CREATE TABLE \"till_payments\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"saleId\" varchar(36) NOT NULL, \"method\" varchar(16) NOT NULL, \"amountPence\" integer NOT NULL, \"patientId\" varchar(36), \"costCentreId\" varchar(36))");
      await q.query("CREATE INDEX \"ix_till_payments_patient\" ON \"till_payments\" (\"patientId\") ");
      await q.query("CREATE INDEX \"ix_till_payments_sale\" ON \"till_payments\" (\"saleId\") ");
      await q.query("CREATE TABLE \"till_cash_movements\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"sessionId\" varchar(36) NOT NULL, \"kind\" varchar(4) NOT NULL, \"amountPence\" integer NOT NULL, \"reason\" text NOT NULL, \"byUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL)");
      await q.query("CREATE INDEX \"ix_till_cash_movements_session\" ON \"till_cash_movements\" (\"sessionId\") ");
      await q.query("CREATE TABLE \"stock_movements\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"productId\" varchar(36) NOT NULL, \"kind\" varchar(8) NOT NULL, \"quantity\" integer NOT NULL, \"unitCostPence\" integer NOT NULL, \"onHandAfter\" integer NOT NULL, \"saleId\" varchar(36), \"reason\" text, \"journalEntryId\" varchar(36), \"byUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL)");
      await q.query("CREATE INDEX \"ix_stock_movements_product\" ON \"stock_movements\" (\"productId\", \"createdAt\") ");
      await q.query("DROP INDEX \"ix_catalogue_products_enterprise\"");
      await q.query("CREATE TABLE \"temporary_catalogue_products\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"kind\" varchar(8) NOT NULL, \"name\" varchar(120) NOT NULL, \"category\" varchar(60) NOT NULL, \"pricePence\" integer NOT NULL, \"unit\" varchar(30), \"active\" boolean NOT NULL DEFAULT (1), \"durationMinutes\" integer, \"slotCapacity\" integer, \"bufferMinutes\" integer, \"minimumNoticeMinutes\" integer, \"cancellationCutoffMinutes\" integer, \"detailsLabel\" varchar(80), \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL, \"updatedAt\" datetime NOT NULL, \"incomeAccountCode\" varchar(10) NOT NULL DEFAULT ('4000'), \"trackStock\" boolean NOT NULL DEFAULT (0), \"allowNegativeStock\" boolean NOT NULL DEFAULT (0), \"stockOnHand\" integer NOT NULL DEFAULT (0), \"averageCostPence\" integer NOT NULL DEFAULT (0), \"reorderLevel\" integer)");
      await q.query("INSERT INTO \"temporary_catalogue_products\"(\"id\", \"enterpriseId\", \"kind\", \"name\", \"category\", \"pricePence\", \"unit\", \"active\", \"durationMinutes\", \"slotCapacity\", \"bufferMinutes\", \"minimumNoticeMinutes\", \"cancellationCutoffMinutes\", \"detailsLabel\", \"createdByUserId\", \"createdAt\", \"updatedAt\") SELECT \"id\", \"enterpriseId\", \"kind\", \"name\", \"category\", \"pricePence\", \"unit\", \"active\", \"durationMinutes\", \"slotCapacity\", \"bufferMinutes\", \"minimumNoticeMinutes\", \"cancellationCutoffMinutes\", \"detailsLabel\", \"createdByUserId\", \"createdAt\", \"updatedAt\" FROM \"catalogue_products\"");
      await q.query("DROP TABLE \"catalogue_products\"");
      await q.query("ALTER TABLE \"temporary_catalogue_products\" RENAME TO \"catalogue_products\"");
      await q.query("CREATE INDEX \"ix_catalogue_products_enterprise\" ON \"catalogue_products\" (\"enterpriseId\", \"active\") ");
    }
    await addTillAccounts(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "ledger_accounts" WHERE "code" IN ('1050', '1310', '5400', '5950') AND "id" NOT IN (SELECT "accountId" FROM "journal_lines")`);
    if (q.connection.options.type === 'postgres') {
      await q.query("ALTER TABLE \"catalogue_products\" DROP COLUMN \"reorderLevel\"");
      await q.query("ALTER TABLE \"catalogue_products\" DROP COLUMN \"averageCostPence\"");
      await q.query("ALTER TABLE \"catalogue_products\" DROP COLUMN \"stockOnHand\"");
      await q.query("ALTER TABLE \"catalogue_products\" DROP COLUMN \"allowNegativeStock\"");
      await q.query("ALTER TABLE \"catalogue_products\" DROP COLUMN \"trackStock\"");
      await q.query("ALTER TABLE \"catalogue_products\" DROP COLUMN \"incomeAccountCode\"");
      await q.query("DROP INDEX \"public\".\"ix_stock_movements_product\"");
      await q.query("DROP TABLE \"stock_movements\"");
      await q.query("DROP INDEX \"public\".\"ix_till_cash_movements_session\"");
      await q.query("DROP TABLE \"till_cash_movements\"");
      await q.query("DROP INDEX \"public\".\"ix_till_payments_sale\"");
      await q.query("DROP INDEX \"public\".\"ix_till_payments_patient\"");
      await q.query("DROP TABLE \"till_payments\"");
      await q.query("DROP INDEX \"public\".\"ix_till_sale_lines_sale\"");
      await q.query("DROP TABLE \"till_sale_lines\"");
      await q.query("DROP INDEX \"public\".\"ux_till_sales_client\"");
      await q.query("DROP INDEX \"public\".\"ix_till_sales_session\"");
      await q.query("DROP INDEX \"public\".\"ix_till_sales_refund_of\"");
      await q.query("DROP TABLE \"till_sales\"");
      await q.query("DROP INDEX \"public\".\"ux_till_sessions_open\"");
      await q.query("DROP INDEX \"public\".\"ix_till_sessions_till\"");
      await q.query("DROP TABLE \"till_sessions\"");
      await q.query("DROP INDEX \"public\".\"ux_catalogue_customer_prices_from\"");
      await q.query("DROP TABLE \"catalogue_customer_prices\"");
    } else {
      await q.query("DROP INDEX \"ix_catalogue_products_enterprise\"");
      await q.query("ALTER TABLE \"catalogue_products\" RENAME TO \"temporary_catalogue_products\"");
      await q.query("CREATE TABLE \"catalogue_products\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"kind\" varchar(8) NOT NULL, \"name\" varchar(120) NOT NULL, \"category\" varchar(60) NOT NULL, \"pricePence\" integer NOT NULL, \"unit\" varchar(30), \"active\" boolean NOT NULL DEFAULT (1), \"durationMinutes\" integer, \"slotCapacity\" integer, \"bufferMinutes\" integer, \"minimumNoticeMinutes\" integer, \"cancellationCutoffMinutes\" integer, \"detailsLabel\" varchar(80), \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL, \"updatedAt\" datetime NOT NULL)");
      await q.query("INSERT INTO \"catalogue_products\"(\"id\", \"enterpriseId\", \"kind\", \"name\", \"category\", \"pricePence\", \"unit\", \"active\", \"durationMinutes\", \"slotCapacity\", \"bufferMinutes\", \"minimumNoticeMinutes\", \"cancellationCutoffMinutes\", \"detailsLabel\", \"createdByUserId\", \"createdAt\", \"updatedAt\") SELECT \"id\", \"enterpriseId\", \"kind\", \"name\", \"category\", \"pricePence\", \"unit\", \"active\", \"durationMinutes\", \"slotCapacity\", \"bufferMinutes\", \"minimumNoticeMinutes\", \"cancellationCutoffMinutes\", \"detailsLabel\", \"createdByUserId\", \"createdAt\", \"updatedAt\" FROM \"temporary_catalogue_products\"");
      await q.query("DROP TABLE \"temporary_catalogue_products\"");
      await q.query("CREATE INDEX \"ix_catalogue_products_enterprise\" ON \"catalogue_products\" (\"enterpriseId\", \"active\") ");
      await q.query("DROP INDEX \"ix_stock_movements_product\"");
      await q.query("DROP TABLE \"stock_movements\"");
      await q.query("DROP INDEX \"ix_till_cash_movements_session\"");
      await q.query("DROP TABLE \"till_cash_movements\"");
      await q.query("DROP INDEX \"ix_till_payments_sale\"");
      await q.query("DROP INDEX \"ix_till_payments_patient\"");
      await q.query("DROP TABLE \"till_payments\"");
      await q.query("DROP INDEX \"ix_till_sale_lines_sale\"");
      await q.query("DROP TABLE \"till_sale_lines\"");
      await q.query("DROP INDEX \"ux_till_sales_client\"");
      await q.query("DROP INDEX \"ix_till_sales_session\"");
      await q.query("DROP INDEX \"ix_till_sales_refund_of\"");
      await q.query("DROP TABLE \"till_sales\"");
      await q.query("DROP INDEX \"ux_till_sessions_open\"");
      await q.query("DROP INDEX \"ix_till_sessions_till\"");
      await q.query("DROP TABLE \"till_sessions\"");
      await q.query("DROP INDEX \"ux_catalogue_customer_prices_from\"");
      await q.query("DROP TABLE \"catalogue_customer_prices\"");
    }
  }
}

async function addTillAccounts(q: QueryRunner): Promise<void> {
  const pg = q.connection.options.type === 'postgres';
  const now = pg ? new Date() : new Date().toISOString().replace('T', ' ').replace('Z', '');
  for (const a of NEW_ACCOUNTS) {
    const rows: { enterpriseId: string }[] = await q.query(
      pg
        ? `SELECT DISTINCT "enterpriseId" FROM "ledger_accounts" x WHERE NOT EXISTS (SELECT 1 FROM "ledger_accounts" y WHERE y."enterpriseId" = x."enterpriseId" AND y."code" = $1)`
        : `SELECT DISTINCT "enterpriseId" FROM "ledger_accounts" x WHERE NOT EXISTS (SELECT 1 FROM "ledger_accounts" y WHERE y."enterpriseId" = x."enterpriseId" AND y."code" = ?)`,
      [a.code],
    );
    for (const r of rows) {
      await q.query(
        pg
          ? `INSERT INTO "ledger_accounts" ("id", "enterpriseId", "code", "name", "type", "closed", "createdAt") VALUES ($1, $2, $3, $4, $5, false, $6)`
          : `INSERT INTO "ledger_accounts" ("id", "enterpriseId", "code", "name", "type", "closed", "createdAt") VALUES (?, ?, ?, ?, ?, 0, ?)`,
        [randomUUID(), r.enterpriseId, a.code, a.name, a.type, now],
      );
    }
  }
}
