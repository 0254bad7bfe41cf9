import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnly, makeAppendOnly } from '../append-only';

export class Ledger1795479818163 implements MigrationInterface {
  name = 'Ledger1795479818163';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query("CREATE TABLE \"ledger_accounts\" (\"id\" character varying(36) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"code\" character varying(12) NOT NULL, \"name\" character varying(80) NOT NULL, \"type\" character varying(10) NOT NULL, \"closed\" boolean NOT NULL DEFAULT false, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_62b34396dda564757cf123fff0e\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE UNIQUE INDEX \"ux_ledger_accounts_code\" ON \"ledger_accounts\" (\"enterpriseId\", \"code\") ");
      await q.query("CREATE TABLE \"journal_entries\" (\"id\" character varying(36) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"sequence\" integer NOT NULL, \"occurredOn\" date NOT NULL, \"originalOn\" date, \"description\" character varying(300) NOT NULL, \"source\" character varying(20) NOT NULL, \"idempotencyKey\" character varying(120) NOT NULL, \"contentHash\" character varying(64) NOT NULL, \"previousHash\" character varying(64) NOT NULL, \"hash\" character varying(64) NOT NULL, \"reversesEntryId\" character varying(36), \"createdByUserId\" character varying(36) NOT NULL, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_a70368e64230434457c8d007ab3\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_journal_entries_occurred\" ON \"journal_entries\" (\"enterpriseId\", \"occurredOn\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_journal_entries_idempotency\" ON \"journal_entries\" (\"enterpriseId\", \"idempotencyKey\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_journal_entries_sequence\" ON \"journal_entries\" (\"enterpriseId\", \"sequence\") ");
      await q.query("CREATE TABLE \"journal_lines\" (\"id\" character varying(36) NOT NULL, \"entryId\" character varying(36) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"accountId\" character varying(36) NOT NULL, \"lineNo\" integer NOT NULL, \"occurredOn\" date NOT NULL, \"debitPence\" integer NOT NULL, \"creditPence\" integer NOT NULL, CONSTRAINT \"PK_70cba2da4588cee8921f73ef136\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_journal_lines_date\" ON \"journal_lines\" (\"enterpriseId\", \"occurredOn\") ");
      await q.query("CREATE INDEX \"ix_journal_lines_account_date\" ON \"journal_lines\" (\"enterpriseId\", \"accountId\", \"occurredOn\") ");
      await q.query("CREATE INDEX \"ix_journal_lines_entry\" ON \"journal_lines\" (\"entryId\") ");
      await q.query("CREATE TABLE \"ledger_periods\" (\"id\" character varying(36) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"month\" character varying(7) NOT NULL, \"closedByUserId\" character varying(36) NOT NULL, \"closedAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_a48f13204873fd040e89220e8b7\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE UNIQUE INDEX \"ux_ledger_periods_month\" ON \"ledger_periods\" (\"enterpriseId\", \"month\") ");
      await q.query("CREATE TABLE \"payroll_runs\" (\"id\" character varying(36) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"timesheetId\" character varying(36) NOT NULL, \"weekStartOn\" date NOT NULL, \"totalPayPence\" integer NOT NULL, \"wagesEntryId\" character varying(36) NOT NULL, \"paymentEntryId\" character varying(36), \"createdByUserId\" character varying(36) NOT NULL, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_6049f42c972640c0eb99ba8035e\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE UNIQUE INDEX \"ux_payroll_runs_timesheet\" ON \"payroll_runs\" (\"timesheetId\") ");
      await q.query("CREATE TABLE \"reinvestment_proposals\" (\"id\" character varying(36) NOT NULL, \"enterpriseId\" character varying(36) NOT NULL, \"amountPence\" integer NOT NULL, \"purpose\" character varying(16) NOT NULL, \"title\" character varying(200) NOT NULL, \"opportunities\" text NOT NULL, \"status\" character varying(10) NOT NULL, \"leadApprovedByUserId\" character varying(36), \"leadApprovedAt\" TIMESTAMP WITH TIME ZONE, \"adminApprovedByUserId\" character varying(36), \"adminApprovedAt\" TIMESTAMP WITH TIME ZONE, \"rejectedByUserId\" character varying(36), \"rejectionReason\" text, \"reserveEntryId\" character varying(36), \"spendEntryId\" character varying(36), \"fundedWorkRoleIds\" text NOT NULL, \"fundedPlacementIds\" text NOT NULL, \"createdByUserId\" character varying(36) NOT NULL, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updatedAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_3c3572c549a26f0341422937faa\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_reinvestment_enterprise\" ON \"reinvestment_proposals\" (\"enterpriseId\", \"status\") ");
      await q.query("ALTER TABLE \"ledger_accounts\" ADD CONSTRAINT \"FK_7ba8485be88ba05df58a88fc58b\" FOREIGN KEY (\"enterpriseId\") REFERENCES \"enterprises\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
      await q.query("ALTER TABLE \"journal_entries\" ADD CONSTRAINT \"FK_769ca5aaa354f4caef3c3108c30\" FOREIGN KEY (\"enterpriseId\") REFERENCES \"enterprises\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
      await q.query("ALTER TABLE \"journal_lines\" ADD CONSTRAINT \"FK_500988f9309b9e8eb1e526158e4\" FOREIGN KEY (\"entryId\") REFERENCES \"journal_entries\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
      await q.query("ALTER TABLE \"journal_lines\" ADD CONSTRAINT \"FK_d9eecc536593997a18359db2b47\" FOREIGN KEY (\"accountId\") REFERENCES \"ledger_accounts\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    } else {
      await q.query("CREATE TABLE \"ledger_accounts\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"code\" varchar(12) NOT NULL, \"name\" varchar(80) NOT NULL, \"type\" varchar(10) NOT NULL, \"closed\" boolean NOT NULL DEFAULT (0), \"createdAt\" datetime NOT NULL)");
      await q.query("CREATE UNIQUE INDEX \"ux_ledger_accounts_code\" ON \"ledger_accounts\" (\"enterpriseId\", \"code\") ");
      await q.query("CREATE TABLE \"journal_entries\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"sequence\" integer NOT NULL, \"occurredOn\" date NOT NULL, \"originalOn\" date, \"description\" varchar(300) NOT NULL, \"source\" varchar(20) NOT NULL, \"idempotencyKey\" varchar(120) NOT NULL, \"contentHash\" varchar(64) NOT NULL, \"previousHash\" varchar(64) NOT NULL, \"hash\" varchar(64) NOT NULL, \"reversesEntryId\" varchar(36), \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL)");
      await q.query("CREATE INDEX \"ix_journal_entries_occurred\" ON \"journal_entries\" (\"enterpriseId\", \"occurredOn\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_journal_entries_idempotency\" ON \"journal_entries\" (\"enterpriseId\", \"idempotencyKey\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_journal_entries_sequence\" ON \"journal_entries\" (\"enterpriseId\", \"sequence\") ");
      await q.query("CREATE TABLE \"journal_lines\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"entryId\" varchar(36) NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"accountId\" varchar(36) NOT NULL, \"lineNo\" integer NOT NULL, \"occurredOn\" date NOT NULL, \"debitPence\" integer NOT NULL, \"creditPence\" integer NOT NULL)");
      await q.query("CREATE INDEX \"ix_journal_lines_date\" ON \"journal_lines\" (\"enterpriseId\", \"occurredOn\") ");
      await q.query("CREATE INDEX \"ix_journal_lines_account_date\" ON \"journal_lines\" (\"enterpriseId\", \"accountId\", \"occurredOn\") ");
      await q.query("CREATE INDEX \"ix_journal_lines_entry\" ON \"journal_lines\" (\"entryId\") ");
      await q.query("CREATE TABLE \"ledger_periods\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"month\" varchar(7) NOT NULL, \"closedByUserId\" varchar(36) NOT NULL, \"closedAt\" datetime NOT NULL)");
      await q.query("CREATE UNIQUE INDEX \"ux_ledger_periods_month\" ON \"ledger_periods\" (\"enterpriseId\", \"month\") ");
      await q.query("CREATE TABLE \"payroll_runs\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"timesheetId\" varchar(36) NOT NULL, \"weekStartOn\" date NOT NULL, \"totalPayPence\" integer NOT NULL, \"wagesEntryId\" varchar(36) NOT NULL, \"paymentEntryId\" varchar(36), \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL)");
      await q.query("CREATE UNIQUE INDEX \"ux_payroll_runs_timesheet\" ON \"payroll_runs\" (\"timesheetId\") ");
      await q.query("CREATE TABLE \"reinvestment_proposals\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"amountPence\" integer NOT NULL, \"purpose\" varchar(16) NOT NULL, \"title\" varchar(200) NOT NULL, \"opportunities\" text NOT NULL, \"status\" varchar(10) NOT NULL, \"leadApprovedByUserId\" varchar(36), \"leadApprovedAt\" datetime, \"adminApprovedByUserId\" varchar(36), \"adminApprovedAt\" datetime, \"rejectedByUserId\" varchar(36), \"rejectionReason\" text, \"reserveEntryId\" varchar(36), \"spendEntryId\" varchar(36), \"fundedWorkRoleIds\" text NOT NULL, \"fundedPlacementIds\" text NOT NULL, \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL, \"updatedAt\" datetime NOT NULL)");
      await q.query("CREATE INDEX \"ix_reinvestment_enterprise\" ON \"reinvestment_proposals\" (\"enterpriseId\", \"status\") ");
      await q.query("DROP INDEX \"ux_ledger_accounts_code\"");
      await q.query("CREATE TABLE \"temporary_ledger_accounts\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"code\" varchar(12) NOT NULL, \"name\" varchar(80) NOT NULL, \"type\" varchar(10) NOT NULL, \"closed\" boolean NOT NULL DEFAULT (0), \"createdAt\" datetime NOT NULL, CONSTRAINT \"FK_7ba8485be88ba05df58a88fc58b\" FOREIGN KEY (\"enterpriseId\") REFERENCES \"enterprises\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
      await q.query("INSERT INTO \"temporary_ledger_accounts\"(\"id\", \"enterpriseId\", \"code\", \"name\", \"type\", \"closed\", \"createdAt\") SELECT \"id\", \"enterpriseId\", \"code\", \"name\", \"type\", \"closed\", \"createdAt\" FROM \"ledger_accounts\"");
      await q.query("DROP TABLE \"ledger_accounts\"");
      await q.query("ALTER TABLE \"temporary_ledger_accounts\" RENAME TO \"ledger_accounts\"");
      await q.query("CREATE UNIQUE INDEX \"ux_ledger_accounts_code\" ON \"ledger_accounts\" (\"enterpriseId\", \"code\") ");
      await q.query("DROP INDEX \"ix_journal_entries_occurred\"");
      await q.query("DROP INDEX \"ux_journal_entries_idempotency\"");
      await q.query("DROP INDEX \"ux_journal_entries_sequence\"");
      await q.query("CREATE TABLE \"temporary_journal_entries\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"sequence\" integer NOT NULL, \"occurredOn\" date NOT NULL, \"originalOn\" date, \"description\" varchar(300) NOT NULL, \"source\" varchar(20) NOT NULL, \"idempotencyKey\" varchar(120) NOT NULL, \"contentHash\" varchar(64) NOT NULL, \"previousHash\" varchar(64) NOT NULL, \"hash\" varchar(64) NOT NULL, \"reversesEntryId\" varchar(36), \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL, CONSTRAINT \"FK_769ca5aaa354f4caef3c3108c30\" FOREIGN KEY (\"enterpriseId\") REFERENCES \"enterprises\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
      await q.query("INSERT INTO \"temporary_journal_entries\"(\"id\", \"enterpriseId\", \"sequence\", \"occurredOn\", \"originalOn\", \"description\", \"source\", \"idempotencyKey\", \"contentHash\", \"previousHash\", \"hash\", \"reversesEntryId\", \"createdByUserId\", \"createdAt\") SELECT \"id\", \"enterpriseId\", \"sequence\", \"occurredOn\", \"originalOn\", \"description\", \"source\", \"idempotencyKey\", \"contentHash\", \"previousHash\", \"hash\", \"reversesEntryId\", \"createdByUserId\", \"createdAt\" FROM \"journal_entries\"");
      await q.query("DROP TABLE \"journal_entries\"");
      await q.query("ALTER TABLE \"temporary_journal_entries\" RENAME TO \"journal_entries\"");
      await q.query("CREATE INDEX \"ix_journal_entries_occurred\" ON \"journal_entries\" (\"enterpriseId\", \"occurredOn\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_journal_entries_idempotency\" ON \"journal_entries\" (\"enterpriseId\", \"idempotencyKey\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_journal_entries_sequence\" ON \"journal_entries\" (\"enterpriseId\", \"sequence\") ");
      await q.query("DROP INDEX \"ix_journal_lines_date\"");
      await q.query("DROP INDEX \"ix_journal_lines_account_date\"");
      await q.query("DROP INDEX \"ix_journal_lines_entry\"");
      await q.query("CREATE TABLE \"temporary_journal_lines\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"entryId\" varchar(36) NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"accountId\" varchar(36) NOT NULL, \"lineNo\" integer NOT NULL, \"occurredOn\" date NOT NULL, \"debitPence\" integer NOT NULL, \"creditPence\" integer NOT NULL, CONSTRAINT \"FK_500988f9309b9e8eb1e526158e4\" FOREIGN KEY (\"entryId\") REFERENCES \"journal_entries\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_d9eecc536593997a18359db2b47\" FOREIGN KEY (\"accountId\") REFERENCES \"ledger_accounts\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
      await q.query("INSERT INTO \"temporary_journal_lines\"(\"id\", \"entryId\", \"enterpriseId\", \"accountId\", \"lineNo\", \"occurredOn\", \"debitPence\", \"creditPence\") SELECT \"id\", \"entryId\", \"enterpriseId\", \"accountId\", \"lineNo\", \"occurredOn\", \"debitPence\", \"creditPence\" FROM \"journal_lines\"");
      await q.query("DROP TABLE \"journal_lines\"");
      await q.query("ALTER TABLE \"temporary_journal_lines\" RENAME TO \"journal_lines\"");
      await q.query("CREATE INDEX \"ix_journal_lines_date\" ON \"journal_lines\" (\"enterpriseId\", \"occurredOn\") ");
      await q.query("CREATE INDEX \"ix_journal_lines_account_date\" ON \"journal_lines\" (\"enterpriseId\", \"accountId\", \"occurredOn\") ");
      await q.query("CREATE INDEX \"ix_journal_lines_entry\" ON \"journal_lines\" (\"entryId\") ");
    }
    await makeAppendOnly(q, 'journal_entries');
    await makeAppendOnly(q, 'journal_lines');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAppendOnly(q, 'journal_lines');
    await dropAppendOnly(q, 'journal_entries');
    if (q.connection.options.type === 'postgres') {
      await q.query("ALTER TABLE \"journal_lines\" DROP CONSTRAINT \"FK_d9eecc536593997a18359db2b47\"");
      await q.query("ALTER TABLE \"journal_lines\" DROP CONSTRAINT \"FK_500988f9309b9e8eb1e526158e4\"");
      await q.query("ALTER TABLE \"journal_entries\" DROP CONSTRAINT \"FK_769ca5aaa354f4caef3c3108c30\"");
      await q.query("ALTER TABLE \"ledger_accounts\" DROP CONSTRAINT \"FK_7ba8485be88ba05df58a88fc58b\"");
      await q.query("DROP INDEX \"public\".\"ix_reinvestment_enterprise\"");
      await q.query("DROP TABLE \"reinvestment_proposals\"");
      await q.query("DROP INDEX \"public\".\"ux_payroll_runs_timesheet\"");
      await q.query("DROP TABLE \"payroll_runs\"");
      await q.query("DROP INDEX \"public\".\"ux_ledger_periods_month\"");
      await q.query("DROP TABLE \"ledger_periods\"");
      await q.query("DROP INDEX \"public\".\"ix_journal_lines_entry\"");
      await q.query("DROP INDEX \"public\".\"ix_journal_lines_account_date\"");
      await q.query("DROP INDEX \"public\".\"ix_journal_lines_date\"");
      await q.query("DROP TABLE \"journal_lines\"");
      await q.query("DROP INDEX \"public\".\"ux_journal_entries_sequence\"");
      await q.query("DROP INDEX \"public\".\"ux_journal_entries_idempotency\"");
      await q.query("DROP INDEX \"public\".\"ix_journal_entries_occurred\"");
      await q.query("DROP TABLE \"journal_entries\"");
      await q.query("DROP INDEX \"public\".\"ux_ledger_accounts_code\"");
      await q.query("DROP TABLE \"ledger_accounts\"");
    } else {
      await q.query("DROP INDEX \"ix_journal_lines_entry\"");
      await q.query("DROP INDEX \"ix_journal_lines_account_date\"");
      await q.query("DROP INDEX \"ix_journal_lines_date\"");
      await q.query("ALTER TABLE \"journal_lines\" RENAME TO \"temporary_journal_lines\"");
      await q.query("CREATE TABLE \"journal_lines\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"entryId\" varchar(36) NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"accountId\" varchar(36) NOT NULL, \"lineNo\" integer NOT NULL, \"occurredOn\" date NOT NULL, \"debitPence\" integer NOT NULL, \"creditPence\" integer NOT NULL)");
      await q.query("INSERT INTO \"journal_lines\"(\"id\", \"entryId\", \"enterpriseId\", \"accountId\", \"lineNo\", \"occurredOn\", \"debitPence\", \"creditPence\") SELECT \"id\", \"entryId\", \"enterpriseId\", \"accountId\", \"lineNo\", \"occurredOn\", \"debitPence\", \"creditPence\" FROM \"temporary_journal_lines\"");
      await q.query("DROP TABLE \"temporary_journal_lines\"");
      await q.query("CREATE INDEX \"ix_journal_lines_entry\" ON \"journal_lines\" (\"entryId\") ");
      await q.query("CREATE INDEX \"ix_journal_lines_account_date\" ON \"journal_lines\" (\"enterpriseId\", \"accountId\", \"occurredOn\") ");
      await q.query("CREATE INDEX \"ix_journal_lines_date\" ON \"journal_lines\" (\"enterpriseId\", \"occurredOn\") ");
      await q.query("DROP INDEX \"ux_journal_entries_sequence\"");
      await q.query("DROP INDEX \"ux_journal_entries_idempotency\"");
      await q.query("DROP INDEX \"ix_journal_entries_occurred\"");
      await q.query("ALTER TABLE \"journal_entries\" RENAME TO \"temporary_journal_entries\"");
      await q.query("CREATE TABLE \"journal_entries\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"sequence\" integer NOT NULL, \"occurredOn\" date NOT NULL, \"originalOn\" date, \"description\" varchar(300) NOT NULL, \"source\" varchar(20) NOT NULL, \"idempotencyKey\" varchar(120) NOT NULL, \"contentHash\" varchar(64) NOT NULL, \"previousHash\" varchar(64) NOT NULL, \"hash\" varchar(64) NOT NULL, \"reversesEntryId\" varchar(36), \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL)");
      await q.query("INSERT INTO \"journal_entries\"(\"id\", \"enterpriseId\", \"sequence\", \"occurredOn\", \"originalOn\", \"description\", \"source\", \"idempotencyKey\", \"contentHash\", \"previousHash\", \"hash\", \"reversesEntryId\", \"createdByUserId\", \"createdAt\") SELECT \"id\", \"enterpriseId\", \"sequence\", \"occurredOn\", \"originalOn\", \"description\", \"source\", \"idempotencyKey\", \"contentHash\", \"previousHash\", \"hash\", \"reversesEntryId\", \"createdByUserId\", \"createdAt\" FROM \"temporary_journal_entries\"");
      await q.query("DROP TABLE \"temporary_journal_entries\"");
      await q.query("CREATE UNIQUE INDEX \"ux_journal_entries_sequence\" ON \"journal_entries\" (\"enterpriseId\", \"sequence\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_journal_entries_idempotency\" ON \"journal_entries\" (\"enterpriseId\", \"idempotencyKey\") ");
      await q.query("CREATE INDEX \"ix_journal_entries_occurred\" ON \"journal_entries\" (\"enterpriseId\", \"occurredOn\") ");
      await q.query("DROP INDEX \"ux_ledger_accounts_code\"");
      await q.query("ALTER TABLE \"ledger_accounts\" RENAME TO \"temporary_ledger_accounts\"");
      await q.query("CREATE TABLE \"ledger_accounts\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"enterpriseId\" varchar(36) NOT NULL, \"code\" varchar(12) NOT NULL, \"name\" varchar(80) NOT NULL, \"type\" varchar(10) NOT NULL, \"closed\" boolean NOT NULL DEFAULT (0), \"createdAt\" datetime NOT NULL)");
      await q.query("INSERT INTO \"ledger_accounts\"(\"id\", \"enterpriseId\", \"code\", \"name\", \"type\", \"closed\", \"createdAt\") SELECT \"id\", \"enterpriseId\", \"code\", \"name\", \"type\", \"closed\", \"createdAt\" FROM \"temporary_ledger_accounts\"");
      await q.query("DROP TABLE \"temporary_ledger_accounts\"");
      await q.query("CREATE UNIQUE INDEX \"ux_ledger_accounts_code\" ON \"ledger_accounts\" (\"enterpriseId\", \"code\") ");
      await q.query("DROP INDEX \"ix_reinvestment_enterprise\"");
      await q.query("DROP TABLE \"reinvestment_proposals\"");
      await q.query("DROP INDEX \"ux_payroll_runs_timesheet\"");
      await q.query("DROP TABLE \"payroll_runs\"");
      await q.query("DROP INDEX \"ux_ledger_periods_month\"");
      await q.query("DROP TABLE \"ledger_periods\"");
      await q.query("DROP INDEX \"ix_journal_lines_entry\"");
      await q.query("DROP INDEX \"ix_journal_lines_account_date\"");
      await q.query("DROP INDEX \"ix_journal_lines_date\"");
      await q.query("DROP TABLE \"journal_lines\"");
      await q.query("DROP INDEX \"ux_journal_entries_sequence\"");
      await q.query("DROP INDEX \"ux_journal_entries_idempotency\"");
      await q.query("DROP INDEX \"ix_journal_entries_occurred\"");
      await q.query("DROP TABLE \"journal_entries\"");
      await q.query("DROP INDEX \"ux_ledger_accounts_code\"");
      await q.query("DROP TABLE \"ledger_accounts\"");
    }
  }
}
