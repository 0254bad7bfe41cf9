import { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarFeeds1796428127253 implements MigrationInterface {
  name = 'CalendarFeeds1796428127253';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query("CREATE TABLE \"calendar_feeds\" (\"id\" character varying(36) NOT NULL, \"userId\" character varying(36) NOT NULL, \"tokenHash\" character varying(64) NOT NULL, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_045067d8bb57f971f3c5426ea71\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE UNIQUE INDEX \"ux_calendar_feeds_token\" ON \"calendar_feeds\" (\"tokenHash\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_calendar_feeds_user\" ON \"calendar_feeds\" (\"userId\") ");
      await q.query("ALTER TABLE \"calendar_feeds\" ADD CONSTRAINT \"FK_cf31466b7789c6df501598bed0f\" FOREIGN KEY (\"userId\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    } else {
      await q.query("CREATE TABLE \"calendar_feeds\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"userId\" varchar(36) NOT NULL, \"tokenHash\" varchar(64) NOT NULL, \"createdAt\" datetime NOT NULL)");
      await q.query("CREATE UNIQUE INDEX \"ux_calendar_feeds_token\" ON \"calendar_feeds\" (\"tokenHash\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_calendar_feeds_user\" ON \"calendar_feeds\" (\"userId\") ");
      await q.query("DROP INDEX \"ux_calendar_feeds_token\"");
      await q.query("DROP INDEX \"ux_calendar_feeds_user\"");
      await q.query("CREATE TABLE \"temporary_calendar_feeds\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"userId\" varchar(36) NOT NULL, \"tokenHash\" varchar(64) NOT NULL, \"createdAt\" datetime NOT NULL, CONSTRAINT \"FK_cf31466b7789c6df501598bed0f\" FOREIGN KEY (\"userId\") REFERENCES \"users\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
      await q.query("INSERT INTO \"temporary_calendar_feeds\"(\"id\", \"userId\", \"tokenHash\", \"createdAt\") SELECT \"id\", \"userId\", \"tokenHash\", \"createdAt\" FROM \"calendar_feeds\"");
      await q.query("DROP TABLE \"calendar_feeds\"");
      await q.query("ALTER TABLE \"temporary_calendar_feeds\" RENAME TO \"calendar_feeds\"");
      await q.query("CREATE UNIQUE INDEX \"ux_calendar_feeds_token\" ON \"calendar_feeds\" (\"tokenHash\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_calendar_feeds_user\" ON \"calendar_feeds\" (\"userId\") ");
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query("ALTER TABLE \"calendar_feeds\" DROP CONSTRAINT \"FK_cf31466b7789c6df501598bed0f\"");
      await q.query("DROP INDEX \"public\".\"ux_calendar_feeds_user\"");
      await q.query("DROP INDEX \"public\".\"ux_calendar_feeds_token\"");
      await q.query("DROP TABLE \"calendar_feeds\"");
    } else {
      await q.query("DROP INDEX \"ux_calendar_feeds_user\"");
      await q.query("DROP INDEX \"ux_calendar_feeds_token\"");
      await q.query("ALTER TABLE \"calendar_feeds\" RENAME TO \"temporary_calendar_feeds\"");
      await q.query("CREATE TABLE \"calendar_feeds\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"userId\" varchar(36) NOT NULL, \"tokenHash\" varchar(64) NOT NULL, \"createdAt\" datetime NOT NULL)");
      await q.query("INSERT INTO \"calendar_feeds\"(\"id\", \"userId\", \"tokenHash\", \"createdAt\") SELECT \"id\", \"userId\", \"tokenHash\", \"createdAt\" FROM \"temporary_calendar_feeds\"");
      await q.query("DROP TABLE \"temporary_calendar_feeds\"");
      await q.query("CREATE UNIQUE INDEX \"ux_calendar_feeds_user\" ON \"calendar_feeds\" (\"userId\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_calendar_feeds_token\" ON \"calendar_feeds\" (\"tokenHash\") ");
      await q.query("DROP INDEX \"ux_calendar_feeds_user\"");
      await q.query("DROP INDEX \"ux_calendar_feeds_token\"");
      await q.query("DROP TABLE \"calendar_feeds\"");
    }
  }
}
