import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class HospitalCustomers1796425882486 implements MigrationInterface {
  name = 'HospitalCustomers1796425882486';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query("CREATE TABLE \"catalogue_products\" (\"id\" character varying(36) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"kind\" character varying(8) NOT NULL, \"name\" character varying(120) NOT NULL, \"category\" character varying(60) NOT NULL, \"pricePence\" integer NOT NULL, \"unit\" character varying(30), \"active\" boolean NOT NULL DEFAULT true, \"durationMinutes\" integer, \"slotCapacity\" integer, \"bufferMinutes\" integer, \"minimumNoticeMinutes\" integer, \"cancellationCutoffMinutes\" integer, \"detailsLabel\" character varying(80), \"createdByUserId\" character varying(36) NOT NULL, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updatedAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_1cd2263d5b3dba0e72599306b74\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_catalogue_products_enterprise\" ON \"catalogue_products\" (\"enterpriseId\", \"active\") ");
      await q.query("CREATE TABLE \"catalogue_prices\" (\"id\" character varying(36) NOT NULL, \"productId\" character varying(36) NOT NULL, \"pricePence\" integer NOT NULL, \"effectiveOn\" date NOT NULL, \"createdByUserId\" character varying(36) NOT NULL, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_562ce79caa16425853cb175eb40\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE UNIQUE INDEX \"ux_catalogue_prices_from\" ON \"catalogue_prices\" (\"productId\", \"effectiveOn\") ");
      await q.query("CREATE TABLE \"cost_centres\" (\"id\" character varying(36) NOT NULL, \"code\" character varying(20) NOT NULL, \"name\" character varying(120) NOT NULL, \"wardId\" character varying(36), \"budgetHolderUserId\" character varying(36), \"active\" boolean NOT NULL DEFAULT true, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_dc8e0e3842bcd1f3b45c598f0f3\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE UNIQUE INDEX \"ux_cost_centres_code\" ON \"cost_centres\" (\"code\") ");
      await q.query("CREATE TABLE \"cost_centre_users\" (\"costCentreId\" character varying(36) NOT NULL, \"userId\" character varying(36) NOT NULL, CONSTRAINT \"PK_87ec5861aded7cf77aced26bf44\" PRIMARY KEY (\"costCentreId\", \"userId\"))");
      await q.query("CREATE TABLE \"orders\" (\"id\" character varying(36) NOT NULL, \"reference\" character varying(16) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"costCentreId\" character varying(36) NOT NULL, \"status\" character varying(12) NOT NULL, \"neededByAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"location\" character varying(200) NOT NULL, \"notes\" text, \"customerName\" character varying(120), \"totalPence\" integer NOT NULL, \"deliveredTotalPence\" integer, \"standingOrderId\" character varying(36), \"occurrenceOn\" date, \"reason\" text, \"shortfallNote\" text, \"journalEntryId\" character varying(36), \"rechargedOn\" date, \"requestedByUserId\" character varying(36) NOT NULL, \"deliveredAt\" TIMESTAMP WITH TIME ZONE, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updatedAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_710e2d4957aa5878dfe94e4ac2f\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE UNIQUE INDEX \"ux_orders_standing_occurrence\" ON \"orders\" (\"standingOrderId\", \"occurrenceOn\") ");
      await q.query("CREATE INDEX \"ix_orders_recharged\" ON \"orders\" (\"costCentreId\", \"rechargedOn\") ");
      await q.query("CREATE INDEX \"ix_orders_cost_centre\" ON \"orders\" (\"costCentreId\", \"neededByAt\") ");
      await q.query("CREATE INDEX \"ix_orders_enterprise_needed\" ON \"orders\" (\"enterpriseId\", \"neededByAt\") ");
      await q.query("CREATE TABLE \"order_lines\" (\"id\" character varying(36) NOT NULL, \"orderId\" character varying(36) NOT NULL, \"lineNo\" integer NOT NULL, \"productId\" character varying(36) NOT NULL, \"productName\" character varying(120) NOT NULL, \"quantity\" integer NOT NULL, \"unitPricePence\" integer NOT NULL, \"deliveredQuantity\" integer, CONSTRAINT \"PK_627dcd7f1d707de4df241b2da6b\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_order_lines_order\" ON \"order_lines\" (\"orderId\") ");
      await q.query("CREATE TABLE \"order_events\" (\"id\" character varying(36) NOT NULL, \"orderId\" character varying(36) NOT NULL, \"fromStatus\" character varying(12), \"toStatus\" character varying(12) NOT NULL, \"reason\" text, \"byUserId\" character varying(36) NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_cc1b82b0fcf1be577d9d7ecbf8b\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_order_events_order\" ON \"order_events\" (\"orderId\", \"at\") ");
      await q.query("CREATE TABLE \"standing_orders\" (\"id\" character varying(36) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"costCentreId\" character varying(36) NOT NULL, \"weekdays\" text NOT NULL, \"neededByTime\" character varying(5) NOT NULL, \"lines\" text NOT NULL, \"location\" character varying(200) NOT NULL, \"notes\" text, \"startsOn\" date NOT NULL, \"endsOn\" date, \"active\" boolean NOT NULL DEFAULT true, \"createdByUserId\" character varying(36) NOT NULL, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_5bde7c50f20e74a2ac021a11959\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_standing_orders_enterprise\" ON \"standing_orders\" (\"enterpriseId\", \"active\") ");
      await q.query("CREATE TABLE \"enterprise_opening_hours\" (\"id\" character varying(36) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"weekday\" integer NOT NULL, \"opensAt\" character varying(5) NOT NULL, \"closesAt\" character varying(5) NOT NULL, CONSTRAINT \"PK_863967e4a218d8fc8d4bfd4a255\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_opening_hours_enterprise\" ON \"enterprise_opening_hours\" (\"enterpriseId\", \"weekday\") ");
      await q.query("CREATE TABLE \"service_bookings\" (\"id\" character varying(36) NOT NULL, \"serviceId\" character varying(36) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"startAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"endAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"customerUserId\" character varying(36) NOT NULL, \"customerName\" character varying(120), \"details\" character varying(200), \"payment\" character varying(14) NOT NULL, \"costCentreId\" character varying(36), \"pricePence\" integer NOT NULL, \"status\" character varying(10) NOT NULL, \"cancelReason\" text, \"cancelledAt\" TIMESTAMP WITH TIME ZONE, \"completedAt\" TIMESTAMP WITH TIME ZONE, \"journalEntryId\" character varying(36), \"rechargedOn\" date, \"createdByUserId\" character varying(36) NOT NULL, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_2a5ef9f3eb208896d1e1b9b2a7b\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_service_bookings_recharged\" ON \"service_bookings\" (\"costCentreId\", \"rechargedOn\") ");
      await q.query("CREATE INDEX \"ix_service_bookings_customer\" ON \"service_bookings\" (\"customerUserId\", \"startAt\") ");
      await q.query("CREATE INDEX \"ix_service_bookings_enterprise\" ON \"service_bookings\" (\"enterpriseId\", \"startAt\") ");
      await q.query("CREATE INDEX \"ix_service_bookings_slot\" ON \"service_bookings\" (\"serviceId\", \"startAt\", \"status\") ");
    } else {
      await q.query("CREATE TABLE \"catalogue_products\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"kind\" varchar(8) NOT NULL, \"name\" varchar(120) NOT NULL, \"category\" varchar(60) NOT NULL, \"pricePence\" integer NOT NULL, \"unit\" varchar(30), \"active\" boolean NOT NULL DEFAULT (1), \"durationMinutes\" integer, \"slotCapacity\" integer, \"bufferMinutes\" integer, \"minimumNoticeMinutes\" integer, \"cancellationCutoffMinutes\" integer, \"detailsLabel\" varchar(80), \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL, \"updatedAt\" datetime NOT NULL)");
      await q.query("CREATE INDEX \"ix_catalogue_products_enterprise\" ON \"catalogue_products\" (\"enterpriseId\", \"active\") ");
      await q.query("CREATE TABLE \"catalogue_prices\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"productId\" varchar(36) NOT NULL, \"pricePence\" integer NOT NULL, \"effectiveOn\" date NOT NULL, \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL)");
      await q.query("CREATE UNIQUE INDEX \"ux_catalogue_prices_from\" ON \"catalogue_prices\" (\"productId\", \"effectiveOn\") ");
      await q.query("CREATE TABLE \"cost_centres\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"code\" varchar(20) NOT NULL, \"name\" varchar(120) NOT NULL, \"wardId\" varchar(36), \"budgetHolderUserId\" varchar(36), \"active\" boolean NOT NULL DEFAULT (1), \"createdAt\" datetime NOT NULL)");
      await q.query("CREATE UNIQUE INDEX \"ux_cost_centres_code\" ON \"cost_centres\" (\"code\") ");
      await q.query("CREATE TABLE \"cost_centre_users\" (\"costCentreId\" varchar(36) NOT NULL, \"userId\" varchar(36) NOT NULL, PRIMARY KEY (\"costCentreId\", \"userId\"))");
      await q.query("CREATE TABLE \"orders\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"reference\" varchar(16) NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"costCentreId\" varchar(36) NOT NULL, \"status\" varchar(12) NOT NULL, \"neededByAt\" datetime NOT NULL, \"location\" varchar(200) NOT NULL, \"notes\" text, \"customerName\" varchar(120), \"totalPence\" integer NOT NULL, \"deliveredTotalPence\" integer, \"standingOrderId\" varchar(36), \"occurrenceOn\" date, \"reason\" text, \"shortfallNote\" text, \"journalEntryId\" varchar(36), \"rechargedOn\" date, \"requestedByUserId\" varchar(36) NOT NULL, \"deliveredAt\" datetime, \"createdAt\" datetime NOT NULL, \"updatedAt\" datetime NOT NULL)");
      await q.query("CREATE UNIQUE INDEX \"ux_orders_standing_occurrence\" ON \"orders\" (\"standingOrderId\", \"occurrenceOn\") ");
      await q.query("CREATE INDEX \"ix_orders_recharged\" ON \"orders\" (\"costCentreId\", \"rechargedOn\") ");
      await q.query("CREATE INDEX \"ix_orders_cost_centre\" ON \"orders\" (\"costCentreId\", \"neededByAt\") ");
      await q.query("CREATE INDEX \"ix_orders_enterprise_needed\" ON \"orders\" (\"enterpriseId\", \"neededByAt\") ");
      await q.query("CREATE TABLE \"order_lines\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"orderId\" varchar(36) NOT NULL, \"lineNo\" integer NOT NULL, \"productId\" varchar(36) NOT NULL, \"productName\" varchar(120) NOT NULL, \"quantity\" integer NOT NULL, \"unitPricePence\" integer NOT NULL, \"deliveredQuantity\" integer)");
      await q.query("CREATE INDEX \"ix_order_lines_order\" ON \"order_lines\" (\"orderId\") ");
      await q.query("CREATE TABLE \"order_events\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"orderId\" varchar(36) NOT NULL, \"fromStatus\" varchar(12), \"toStatus\" varchar(12) NOT NULL, \"reason\" text, \"byUserId\" varchar(36) NOT NULL, \"at\" datetime NOT NULL)");
      await q.query("CREATE INDEX \"ix_order_events_order\" ON \"order_events\" (\"orderId\", \"at\") ");
      await q.query("CREATE TABLE \"standing_orders\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"costCentreId\" varchar(36) NOT NULL, \"weekdays\" text NOT NULL, \"neededByTime\" varchar(5) NOT NULL, \"lines\" text NOT NULL, \"location\" varchar(200) NOT NULL, \"notes\" text, \"startsOn\" date NOT NULL, \"endsOn\" date, \"active\" boolean NOT NULL DEFAULT (1), \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL)");
      await q.query("CREATE INDEX \"ix_standing_orders_enterprise\" ON \"standing_orders\" (\"enterpriseId\", \"active\") ");
      await q.query("CREATE TABLE \"enterprise_opening_hours\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"weekday\" integer NOT NULL, \"opensAt\" varchar(5) NOT NULL, \"closesAt\" varchar(5) NOT NULL)");
      await q.query("CREATE INDEX \"ix_opening_hours_enterprise\" ON \"enterprise_opening_hours\" (\"enterpriseId\", \"weekday\") ");
      await q.query("CREATE TABLE \"service_bookings\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"serviceId\" varchar(36) NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"startAt\" datetime NOT NULL, \"endAt\" datetime NOT NULL, \"customerUserId\" varchar(36) NOT NULL, \"customerName\" varchar(120), \"details\" varchar(200), \"payment\" varchar(14) NOT NULL, \"costCentreId\" varchar(36), \"pricePence\" integer NOT NULL, \"status\" varchar(10) NOT NULL, \"cancelReason\" text, \"cancelledAt\" datetime, \"completedAt\" datetime, \"journalEntryId\" varchar(36), \"rechargedOn\" date, \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL)");
      await q.query("CREATE INDEX \"ix_service_bookings_recharged\" ON \"service_bookings\" (\"costCentreId\", \"rechargedOn\") ");
      await q.query("CREATE INDEX \"ix_service_bookings_customer\" ON \"service_bookings\" (\"customerUserId\", \"startAt\") ");
      await q.query("CREATE INDEX \"ix_service_bookings_enterprise\" ON \"service_bookings\" (\"enterpriseId\", \"startAt\") ");
      await q.query("CREATE INDEX \"ix_service_bookings_slot\" ON \"service_bookings\" (\"serviceId\", \"startAt\", \"status\") ");
    }
    await addRechargeAccount(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "ledger_accounts" WHERE "code" = '1300' AND "id" NOT IN (SELECT "accountId" FROM "journal_lines")`);
    if (q.connection.options.type === 'postgres') {
      await q.query("DROP INDEX \"public\".\"ix_service_bookings_slot\"");
      await q.query("DROP INDEX \"public\".\"ix_service_bookings_enterprise\"");
      await q.query("DROP INDEX \"public\".\"ix_service_bookings_customer\"");
      await q.query("DROP INDEX \"public\".\"ix_service_bookings_recharged\"");
      await q.query("DROP TABLE \"service_bookings\"");
      await q.query("DROP INDEX \"public\".\"ix_opening_hours_enterprise\"");
      await q.query("DROP TABLE \"enterprise_opening_hours\"");
      await q.query("DROP INDEX \"public\".\"ix_standing_orders_enterprise\"");
      await q.query("DROP TABLE \"standing_orders\"");
      await q.query("DROP INDEX \"public\".\"ix_order_events_order\"");
      await q.query("DROP TABLE \"order_events\"");
      await q.query("DROP INDEX \"public\".\"ix_order_lines_order\"");
      await q.query("DROP TABLE \"order_lines\"");
      await q.query("DROP INDEX \"public\".\"ix_orders_enterprise_needed\"");
      await q.query("DROP INDEX \"public\".\"ix_orders_cost_centre\"");
      await q.query("DROP INDEX \"public\".\"ix_orders_recharged\"");
      await q.query("DROP INDEX \"public\".\"ux_orders_standing_occurrence\"");
      await q.query("DROP TABLE \"orders\"");
      await q.query("DROP TABLE \"cost_centre_users\"");
      await q.query("DROP INDEX \"public\".\"ux_cost_centres_code\"");
      await q.query("DROP TABLE \"cost_centres\"");
      await q.query("DROP INDEX \"public\".\"ux_catalogue_prices_from\"");
      await q.query("DROP TABLE \"catalogue_prices\"");
      await q.query("DROP INDEX \"public\".\"ix_catalogue_products_enterprise\"");
      await q.query("DROP TABLE \"catalogue_products\"");
    } else {
      await q.query("DROP INDEX \"ix_service_bookings_slot\"");
      await q.query("DROP INDEX \"ix_service_bookings_enterprise\"");
      await q.query("DROP INDEX \"ix_service_bookings_customer\"");
      await q.query("DROP INDEX \"ix_service_bookings_recharged\"");
      await q.query("DROP TABLE \"service_bookings\"");
      await q.query("DROP INDEX \"ix_opening_hours_enterprise\"");
      await q.query("DROP TABLE \"enterprise_opening_hours\"");
      await q.query("DROP INDEX \"ix_standing_orders_enterprise\"");
      await q.query("DROP TABLE \"standing_orders\"");
      await q.query("DROP INDEX \"ix_order_events_order\"");
      await q.query("DROP TABLE \"order_events\"");
      await q.query("DROP INDEX \"ix_order_lines_order\"");
      await q.query("DROP TABLE \"order_lines\"");
      await q.query("DROP INDEX \"ix_orders_enterprise_needed\"");
      await q.query("DROP INDEX \"ix_orders_cost_centre\"");
      await q.query("DROP INDEX \"ix_orders_recharged\"");
      await q.query("DROP INDEX \"ux_orders_standing_occurrence\"");
      await q.query("DROP TABLE \"orders\"");
      await q.query("DROP TABLE \"cost_centre_users\"");
      await q.query("DROP INDEX \"ux_cost_centres_code\"");
      await q.query("DROP TABLE \"cost_centres\"");
      await q.query("DROP INDEX \"ux_catalogue_prices_from\"");
      await q.query("DROP TABLE \"catalogue_prices\"");
      await q.query("DROP INDEX \"ix_catalogue_products_enterprise\"");
      await q.query("DROP TABLE \"catalogue_products\"");
    }
  }
}

/**
 * Charts made before this migration get the account recharges post to (new charts have it from
 * ACCOUNT_TEMPLATE). Charts not yet made are left alone: they are made whole on first use.
 */
async function addRechargeAccount(q: QueryRunner): Promise<void> {
  const pg = q.connection.options.type === 'postgres';
  const rows: { enterpriseId: string }[] = await q.query(
    `SELECT DISTINCT "enterpriseId" FROM "ledger_accounts" a WHERE NOT EXISTS (SELECT 1 FROM "ledger_accounts" b WHERE b."enterpriseId" = a."enterpriseId" AND b."code" = '1300')`,
  );
  const now = pg ? new Date() : new Date().toISOString().replace('T', ' ').replace('Z', '');
  for (const r of rows) {
    await q.query(
      pg
        ? `INSERT INTO "ledger_accounts" ("id", "enterpriseId", "code", "name", "type", "closed", "createdAt") VALUES ($1, $2, '1300', 'Internal recharges receivable', 'ASSET', false, $3)`
        : `INSERT INTO "ledger_accounts" ("id", "enterpriseId", "code", "name", "type", "closed", "createdAt") VALUES (?, ?, '1300', 'Internal recharges receivable', 'ASSET', 0, ?)`,
      [randomUUID(), r.enterpriseId, now],
    );
  }
}
