import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dated ward history for patients (transfers), so reports by ward attribute each record to the
 * ward the patient was on at the time. Existing patients get one open stay on their current ward.
 */
export class WardHistory1796440796566 implements MigrationInterface {
  name = 'WardHistory1796440796566';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query("CREATE TABLE \"patient_ward_stays\" (\"id\" character varying(36) NOT NULL, \"patientId\" character varying(36) NOT NULL, \"wardId\" character varying(36) NOT NULL, \"fromAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"toAt\" TIMESTAMP WITH TIME ZONE, \"reason\" character varying(500), \"recordedByUserId\" character varying(36), \"recordedAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_df7a7d6bdf1250c21e79715188f\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_ward_stays_ward\" ON \"patient_ward_stays\" (\"wardId\", \"fromAt\") ");
      await q.query("CREATE INDEX \"ix_ward_stays_patient\" ON \"patient_ward_stays\" (\"patientId\", \"fromAt\") ");
      await q.query("ALTER TABLE \"patient_ward_stays\" ADD CONSTRAINT \"FK_b1ca3697e17ab696da9a045ebdd\" FOREIGN KEY (\"patientId\") REFERENCES \"patients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
      await q.query("ALTER TABLE \"patient_ward_stays\" ADD CONSTRAINT \"FK_37fad11a86f3707116845b76763\" FOREIGN KEY (\"wardId\") REFERENCES \"wards\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    } else {
      await q.query("CREATE TABLE \"patient_ward_stays\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"patientId\" varchar(36) NOT NULL, \"wardId\" varchar(36) NOT NULL, \"fromAt\" datetime NOT NULL, \"toAt\" datetime, \"reason\" varchar(500), \"recordedByUserId\" varchar(36), \"recordedAt\" datetime NOT NULL, CONSTRAINT \"FK_b1ca3697e17ab696da9a045ebdd\" FOREIGN KEY (\"patientId\") REFERENCES \"patients\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_37fad11a86f3707116845b76763\" FOREIGN KEY (\"wardId\") REFERENCES \"wards\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
      await q.query("CREATE INDEX \"ix_ward_stays_ward\" ON \"patient_ward_stays\" (\"wardId\", \"fromAt\") ");
      await q.query("CREATE INDEX \"ix_ward_stays_patient\" ON \"patient_ward_stays\" (\"patientId\", \"fromAt\") ");
    }
    // One open stay per existing patient on their current ward, from when the record was made
    // (the admission as far as the service knows). The first stay takes the patient's own id.
    await q.query('INSERT INTO "patient_ward_stays" ("id", "patientId", "wardId", "fromAt", "toAt", "reason", "recordedByUserId", "recordedAt") SELECT p."id", p."id", p."wardId", p."createdAt", NULL, NULL, NULL, p."createdAt" FROM "patients" p');
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query("ALTER TABLE \"patient_ward_stays\" DROP CONSTRAINT \"FK_37fad11a86f3707116845b76763\"");
      await q.query("ALTER TABLE \"patient_ward_stays\" DROP CONSTRAINT \"FK_b1ca3697e17ab696da9a045ebdd\"");
      await q.query("DROP INDEX \"public\".\"ix_ward_stays_patient\"");
      await q.query("DROP INDEX \"public\".\"ix_ward_stays_ward\"");
      await q.query("DROP TABLE \"patient_ward_stays\"");
    } else {
      await q.query("DROP INDEX \"ix_ward_stays_patient\"");
      await q.query("DROP INDEX \"ix_ward_stays_ward\"");
      await q.query("DROP TABLE \"patient_ward_stays\"");
    }
  }
}
