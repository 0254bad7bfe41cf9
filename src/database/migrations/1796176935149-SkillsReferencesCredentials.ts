import { MigrationInterface, QueryRunner } from 'typeorm';
import { makeDecidedOnce, makeUndeletable } from '../append-only';

export class SkillsReferencesCredentials1796176935149 implements MigrationInterface {
  name = 'SkillsReferencesCredentials1796176935149';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query("CREATE TABLE \"skills\" (\"id\" character varying(36) NOT NULL, \"code\" character varying(40) NOT NULL, \"name\" character varying(80) NOT NULL, \"category\" character varying(16) NOT NULL, \"description\" text NOT NULL, \"enterpriseKinds\" text NOT NULL, \"levelDescriptors\" text NOT NULL, \"active\" boolean NOT NULL DEFAULT true, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updatedAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"UQ_038684d9432434385638dce158d\" UNIQUE (\"code\"), CONSTRAINT \"PK_0d3212120f4ecedf90864d7e298\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE TABLE \"skill_logs\" (\"id\" character varying(36) NOT NULL, \"patientId\" character varying(36) NOT NULL, \"skillId\" character varying(36) NOT NULL, \"level\" character varying(12) NOT NULL, \"levelRank\" integer NOT NULL, \"evidence\" text NOT NULL, \"occurredOn\" date NOT NULL, \"shiftId\" character varying(36), \"source\" character varying(8) NOT NULL, \"createdByUserId\" character varying(36) NOT NULL, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"status\" character varying(8) NOT NULL, \"reviewedByUserId\" character varying(36), \"reviewedAt\" TIMESTAMP WITH TIME ZONE, \"reviewComment\" text, CONSTRAINT \"PK_2dbf2945473214c8b9e95bc5f4c\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_skill_logs_status\" ON \"skill_logs\" (\"status\", \"createdAt\") ");
      await q.query("CREATE INDEX \"ix_skill_logs_patient\" ON \"skill_logs\" (\"patientId\", \"status\", \"skillId\") ");
      await q.query("CREATE TABLE \"employment_references\" (\"id\" character varying(36) NOT NULL, \"patientId\" character varying(36) NOT NULL, \"placementId\" character varying(36) NOT NULL, \"status\" character varying(10) NOT NULL, \"verificationCode\" character varying(24) NOT NULL, \"facts\" text NOT NULL, \"statement\" text NOT NULL, \"refereeName\" character varying(120) NOT NULL, \"refereeJobTitle\" character varying(120) NOT NULL, \"showHospitalName\" boolean NOT NULL DEFAULT false, \"draftedByUserId\" character varying(36) NOT NULL, \"approvedByUserId\" character varying(36), \"approvedAt\" TIMESTAMP WITH TIME ZONE, \"withdrawnByUserId\" character varying(36), \"withdrawnAt\" TIMESTAMP WITH TIME ZONE, \"withdrawnReason\" text, \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updatedAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"UQ_20aea264e2c1881729e39db829d\" UNIQUE (\"verificationCode\"), CONSTRAINT \"PK_6f00788a45b5c5ebd83f8ed3177\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE INDEX \"ix_references_placement\" ON \"employment_references\" (\"placementId\") ");
      await q.query("CREATE INDEX \"ix_references_patient\" ON \"employment_references\" (\"patientId\", \"status\") ");
      await q.query("CREATE TABLE \"credentials\" (\"id\" character varying(36) NOT NULL, \"patientId\" character varying(36) NOT NULL, \"skillLogId\" character varying(36) NOT NULL, \"status\" character varying(8) NOT NULL, \"activeKey\" character varying(36) NOT NULL, \"keyId\" character varying(64) NOT NULL, \"jwt\" text NOT NULL, \"credential\" text NOT NULL, \"issuedAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"validUntil\" TIMESTAMP WITH TIME ZONE, \"issuedByUserId\" character varying(36) NOT NULL, \"revokedByUserId\" character varying(36), \"revokedAt\" TIMESTAMP WITH TIME ZONE, \"revokedReason\" text, CONSTRAINT \"PK_1e38bc43be6697cdda548ad27a6\" PRIMARY KEY (\"id\"))");
      await q.query("CREATE UNIQUE INDEX \"ux_credentials_one_active\" ON \"credentials\" (\"skillLogId\", \"activeKey\") ");
      await q.query("CREATE INDEX \"ix_credentials_patient\" ON \"credentials\" (\"patientId\", \"status\") ");
      await q.query("CREATE TABLE \"patient_demographics\" (\"patientId\" character varying(36) NOT NULL, \"birthYear\" integer, \"statedGender\" character varying(2), \"ethnicCategory\" character varying(2), \"updatedByUserId\" character varying(36) NOT NULL, \"updatedAt\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_a3448ca70a3f505c637f7345274\" PRIMARY KEY (\"patientId\"))");
      await q.query("ALTER TABLE \"skill_logs\" ADD CONSTRAINT \"FK_e14ece3ee36d4d3de9b13b2eca2\" FOREIGN KEY (\"patientId\") REFERENCES \"patients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
      await q.query("ALTER TABLE \"skill_logs\" ADD CONSTRAINT \"FK_2f5b41925c2f222d7a6567d1646\" FOREIGN KEY (\"skillId\") REFERENCES \"skills\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
      await q.query("ALTER TABLE \"employment_references\" ADD CONSTRAINT \"FK_bc89730abb769ac854312b73143\" FOREIGN KEY (\"patientId\") REFERENCES \"patients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
      await q.query("ALTER TABLE \"employment_references\" ADD CONSTRAINT \"FK_e44e9c124db2fcea8efe502e143\" FOREIGN KEY (\"placementId\") REFERENCES \"placements\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
      await q.query("ALTER TABLE \"credentials\" ADD CONSTRAINT \"FK_03a0a9d91b3424489fc25cd4670\" FOREIGN KEY (\"patientId\") REFERENCES \"patients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
      await q.query("ALTER TABLE \"credentials\" ADD CONSTRAINT \"FK_9d6700487119213cee2fdfd7a7d\" FOREIGN KEY (\"skillLogId\") REFERENCES \"skill_logs\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
      await q.query("ALTER TABLE \"patient_demographics\" ADD CONSTRAINT \"FK_a3448ca70a3f505c637f7345274\" FOREIGN KEY (\"patientId\") REFERENCES \"patients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    } else {
      await q.query("CREATE TABLE \"skills\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"code\" varchar(40) NOT NULL, \"name\" varchar(80) NOT NULL, \"category\" varchar(16) NOT NULL, \"description\" text NOT NULL, \"enterpriseKinds\" text NOT NULL, \"levelDescriptors\" text NOT NULL, \"active\" boolean NOT NULL DEFAULT (1), \"createdAt\" datetime NOT NULL, \"updatedAt\" datetime NOT NULL, CONSTRAINT \"UQ_038684d9432434385638dce158d\" UNIQUE (\"code\"))");
      await q.query("CREATE TABLE \"skill_logs\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"patientId\" varchar(36) NOT NULL, \"skillId\" varchar(36) NOT NULL, \"level\" varchar(12) NOT NULL, \"levelRank\" integer NOT NULL, \"evidence\" text NOT NULL, \"occurredOn\" date NOT NULL, \"shiftId\" varchar(36), \"source\" varchar(8) NOT NULL, \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL, \"status\" varchar(8) NOT NULL, \"reviewedByUserId\" varchar(36), \"reviewedAt\" datetime, \"reviewComment\" text)");
      await q.query("CREATE INDEX \"ix_skill_logs_status\" ON \"skill_logs\" (\"status\", \"createdAt\") ");
      await q.query("CREATE INDEX \"ix_skill_logs_patient\" ON \"skill_logs\" (\"patientId\", \"status\", \"skillId\") ");
      await q.query("CREATE TABLE \"employment_references\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"patientId\" varchar(36) NOT NULL, \"placementId\" varchar(36) NOT NULL, \"status\" varchar(10) NOT NULL, \"verificationCode\" varchar(24) NOT NULL, \"facts\" text NOT NULL, \"statement\" text NOT NULL, \"refereeName\" varchar(120) NOT NULL, \"refereeJobTitle\" varchar(120) NOT NULL, \"showHospitalName\" boolean NOT NULL DEFAULT (0), \"draftedByUserId\" varchar(36) NOT NULL, \"approvedByUserId\" varchar(36), \"approvedAt\" datetime, \"withdrawnByUserId\" varchar(36), \"withdrawnAt\" datetime, \"withdrawnReason\" text, \"createdAt\" datetime NOT NULL, \"updatedAt\" datetime NOT NULL, CONSTRAINT \"UQ_20aea264e2c1881729e39db829d\" UNIQUE (\"verificationCode\"))");
      await q.query("CREATE INDEX \"ix_references_placement\" ON \"employment_references\" (\"placementId\") ");
      await q.query("CREATE INDEX \"ix_references_patient\" ON \"employment_references\" (\"patientId\", \"status\") ");
      await q.query("CREATE TABLE \"credentials\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"patientId\" varchar(36) NOT NULL, \"skillLogId\" varchar(36) NOT NULL, \"status\" varchar(8) NOT NULL, \"activeKey\" varchar(36) NOT NULL, \"keyId\" varchar(64) NOT NULL, \"jwt\" text NOT NULL, \"credential\" text NOT NULL, \"issuedAt\" datetime NOT NULL, \"validUntil\" datetime, \"issuedByUserId\" varchar(36) NOT NULL, \"revokedByUserId\" varchar(36), \"revokedAt\" datetime, \"revokedReason\" text)");
      await q.query("CREATE UNIQUE INDEX \"ux_credentials_one_active\" ON \"credentials\" (\"skillLogId\", \"activeKey\") ");
      await q.query("CREATE INDEX \"ix_credentials_patient\" ON \"credentials\" (\"patientId\", \"status\") ");
      await q.query("CREATE TABLE \"patient_demographics\" (\"patientId\" varchar(36) PRIMARY KEY NOT NULL, \"birthYear\" integer, \"statedGender\" varchar(2), \"ethnicCategory\" varchar(2), \"updatedByUserId\" varchar(36) NOT NULL, \"updatedAt\" datetime NOT NULL)");
      await q.query("DROP INDEX \"ix_skill_logs_status\"");
      await q.query("DROP INDEX \"ix_skill_logs_patient\"");
      await q.query("CREATE TABLE \"temporary_skill_logs\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"patientId\" varchar(36) NOT NULL, \"skillId\" varchar(36) NOT NULL, \"level\" varchar(12) NOT NULL, \"levelRank\" integer NOT NULL, \"evidence\" text NOT NULL, \"occurredOn\" date NOT NULL, \"shiftId\" varchar(36), \"source\" varchar(8) NOT NULL, \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL, \"status\" varchar(8) NOT NULL, \"reviewedByUserId\" varchar(36), \"reviewedAt\" datetime, \"reviewComment\" text, CONSTRAINT \"FK_e14ece3ee36d4d3de9b13b2eca2\" FOREIGN KEY (\"patientId\") REFERENCES \"patients\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_2f5b41925c2f222d7a6567d1646\" FOREIGN KEY (\"skillId\") REFERENCES \"skills\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
      await q.query("INSERT INTO \"temporary_skill_logs\"(\"id\", \"patientId\", \"skillId\", \"level\", \"levelRank\", \"evidence\", \"occurredOn\", \"shiftId\", \"source\", \"createdByUserId\", \"createdAt\", \"status\", \"reviewedByUserId\", \"reviewedAt\", \"reviewComment\") SELECT \"id\", \"patientId\", \"skillId\", \"level\", \"levelRank\", \"evidence\", \"occurredOn\", \"shiftId\", \"source\", \"createdByUserId\", \"createdAt\", \"status\", \"reviewedByUserId\", \"reviewedAt\", \"reviewComment\" FROM \"skill_logs\"");
      await q.query("DROP TABLE \"skill_logs\"");
      await q.query("ALTER TABLE \"temporary_skill_logs\" RENAME TO \"skill_logs\"");
      await q.query("CREATE INDEX \"ix_skill_logs_status\" ON \"skill_logs\" (\"status\", \"createdAt\") ");
      await q.query("CREATE INDEX \"ix_skill_logs_patient\" ON \"skill_logs\" (\"patientId\", \"status\", \"skillId\") ");
      await q.query("DROP INDEX \"ix_references_placement\"");
      await q.query("DROP INDEX \"ix_references_patient\"");
      await q.query("CREATE TABLE \"temporary_employment_references\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"patientId\" varchar(36) NOT NULL, \"placementId\" varchar(36) NOT NULL, \"status\" varchar(10) NOT NULL, \"verificationCode\" varchar(24) NOT NULL, \"facts\" text NOT NULL, \"statement\" text NOT NULL, \"refereeName\" varchar(120) NOT NULL, \"refereeJobTitle\" varchar(120) NOT NULL, \"showHospitalName\" boolean NOT NULL DEFAULT (0), \"draftedByUserId\" varchar(36) NOT NULL, \"approvedByUserId\" varchar(36), \"approvedAt\" datetime, \"withdrawnByUserId\" varchar(36), \"withdrawnAt\" datetime, \"withdrawnReason\" text, \"createdAt\" datetime NOT NULL, \"updatedAt\" datetime NOT NULL, CONSTRAINT \"UQ_20aea264e2c1881729e39db829d\" UNIQUE (\"verificationCode\"), CONSTRAINT \"FK_bc89730abb769ac854312b73143\" FOREIGN KEY (\"patientId\") REFERENCES \"patients\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_e44e9c124db2fcea8efe502e143\" FOREIGN KEY (\"placementId\") REFERENCES \"placements\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
      await q.query("INSERT INTO \"temporary_employment_references\"(\"id\", \"patientId\", \"placementId\", \"status\", \"verificationCode\", \"facts\", \"statement\", \"refereeName\", \"refereeJobTitle\", \"showHospitalName\", \"draftedByUserId\", \"approvedByUserId\", \"approvedAt\", \"withdrawnByUserId\", \"withdrawnAt\", \"withdrawnReason\", \"createdAt\", \"updatedAt\") SELECT \"id\", \"patientId\", \"placementId\", \"status\", \"verificationCode\", \"facts\", \"statement\", \"refereeName\", \"refereeJobTitle\", \"showHospitalName\", \"draftedByUserId\", \"approvedByUserId\", \"approvedAt\", \"withdrawnByUserId\", \"withdrawnAt\", \"withdrawnReason\", \"createdAt\", \"updatedAt\" FROM \"employment_references\"");
      await q.query("DROP TABLE \"employment_references\"");
      await q.query("ALTER TABLE \"temporary_employment_references\" RENAME TO \"employment_references\"");
      await q.query("CREATE INDEX \"ix_references_placement\" ON \"employment_references\" (\"placementId\") ");
      await q.query("CREATE INDEX \"ix_references_patient\" ON \"employment_references\" (\"patientId\", \"status\") ");
      await q.query("DROP INDEX \"ux_credentials_one_active\"");
      await q.query("DROP INDEX \"ix_credentials_patient\"");
      await q.query("CREATE TABLE \"temporary_credentials\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"patientId\" varchar(36) NOT NULL, \"skillLogId\" varchar(36) NOT NULL, \"status\" varchar(8) NOT NULL, \"activeKey\" varchar(36) NOT NULL, \"keyId\" varchar(64) NOT NULL, \"jwt\" text NOT NULL, \"credential\" text NOT NULL, \"issuedAt\" datetime NOT NULL, \"validUntil\" datetime, \"issuedByUserId\" varchar(36) NOT NULL, \"revokedByUserId\" varchar(36), \"revokedAt\" datetime, \"revokedReason\" text, CONSTRAINT \"FK_03a0a9d91b3424489fc25cd4670\" FOREIGN KEY (\"patientId\") REFERENCES \"patients\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_9d6700487119213cee2fdfd7a7d\" FOREIGN KEY (\"skillLogId\") REFERENCES \"skill_logs\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
      await q.query("INSERT INTO \"temporary_credentials\"(\"id\", \"patientId\", \"skillLogId\", \"status\", \"activeKey\", \"keyId\", \"jwt\", \"credential\", \"issuedAt\", \"validUntil\", \"issuedByUserId\", \"revokedByUserId\", \"revokedAt\", \"revokedReason\") SELECT \"id\", \"patientId\", \"skillLogId\", \"status\", \"activeKey\", \"keyId\", \"jwt\", \"credential\", \"issuedAt\", \"validUntil\", \"issuedByUserId\", \"revokedByUserId\", \"revokedAt\", \"revokedReason\" FROM \"credentials\"");
      await q.query("DROP TABLE \"credentials\"");
      await q.query("ALTER TABLE \"temporary_credentials\" RENAME TO \"credentials\"");
      await q.query("CREATE UNIQUE INDEX \"ux_credentials_one_active\" ON \"credentials\" (\"skillLogId\", \"activeKey\") ");
      await q.query("CREATE INDEX \"ix_credentials_patient\" ON \"credentials\" (\"patientId\", \"status\") ");
      await q.query("CREATE TABLE \"temporary_patient_demographics\" (\"patientId\" varchar(36) PRIMARY KEY NOT NULL, \"birthYear\" integer, \"statedGender\" varchar(2), \"ethnicCategory\" varchar(2), \"updatedByUserId\" varchar(36) NOT NULL, \"updatedAt\" datetime NOT NULL, CONSTRAINT \"FK_a3448ca70a3f505c637f7345274\" FOREIGN KEY (\"patientId\") REFERENCES \"patients\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
      await q.query("INSERT INTO \"temporary_patient_demographics\"(\"patientId\", \"birthYear\", \"statedGender\", \"ethnicCategory\", \"updatedByUserId\", \"updatedAt\") SELECT \"patientId\", \"birthYear\", \"statedGender\", \"ethnicCategory\", \"updatedByUserId\", \"updatedAt\" FROM \"patient_demographics\"");
      await q.query("DROP TABLE \"patient_demographics\"");
      await q.query("ALTER TABLE \"temporary_patient_demographics\" RENAME TO \"patient_demographics\"");
    }
    // Skill log entries are decided once and never edited; references and credentials change
    // status (approved, withdrawn, revoked) but are never deleted.
    await makeDecidedOnce(q, 'skill_logs', 'PENDING', ['patientId', 'skillId', 'level', 'levelRank', 'evidence', 'occurredOn', 'shiftId', 'source', 'createdByUserId', 'createdAt']);
    await makeUndeletable(q, 'employment_references');
    await makeUndeletable(q, 'credentials');
  }

  async down(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    for (const [table, triggers] of [['skill_logs', ['no_delete', 'no_truncate', 'decided_once']], ['employment_references', ['no_delete', 'no_truncate']], ['credentials', ['no_delete', 'no_truncate']]] as const) {
      for (const t of triggers) if (pg || t !== 'no_truncate') await q.query(`DROP TRIGGER IF EXISTS "${table}_${t}"${pg ? ` ON "${table}"` : ''}`);
    }
    if (pg) await q.query('DROP FUNCTION IF EXISTS "skill_logs_decided_once"()');
    if (q.connection.options.type === 'postgres') {
      await q.query("ALTER TABLE \"patient_demographics\" DROP CONSTRAINT \"FK_a3448ca70a3f505c637f7345274\"");
      await q.query("ALTER TABLE \"credentials\" DROP CONSTRAINT \"FK_9d6700487119213cee2fdfd7a7d\"");
      await q.query("ALTER TABLE \"credentials\" DROP CONSTRAINT \"FK_03a0a9d91b3424489fc25cd4670\"");
      await q.query("ALTER TABLE \"employment_references\" DROP CONSTRAINT \"FK_e44e9c124db2fcea8efe502e143\"");
      await q.query("ALTER TABLE \"employment_references\" DROP CONSTRAINT \"FK_bc89730abb769ac854312b73143\"");
      await q.query("ALTER TABLE \"skill_logs\" DROP CONSTRAINT \"FK_2f5b41925c2f222d7a6567d1646\"");
      await q.query("ALTER TABLE \"skill_logs\" DROP CONSTRAINT \"FK_e14ece3ee36d4d3de9b13b2eca2\"");
      await q.query("DROP TABLE \"patient_demographics\"");
      await q.query("DROP INDEX \"public\".\"ix_credentials_patient\"");
      await q.query("DROP INDEX \"public\".\"ux_credentials_one_active\"");
      await q.query("DROP TABLE \"credentials\"");
      await q.query("DROP INDEX \"public\".\"ix_references_patient\"");
      await q.query("DROP INDEX \"public\".\"ix_references_placement\"");
      await q.query("DROP TABLE \"employment_references\"");
      await q.query("DROP INDEX \"public\".\"ix_skill_logs_patient\"");
      await q.query("DROP INDEX \"public\".\"ix_skill_logs_status\"");
      await q.query("DROP TABLE \"skill_logs\"");
      await q.query("DROP TABLE \"skills\"");
    } else {
      await q.query("ALTER TABLE \"patient_demographics\" RENAME TO \"temporary_patient_demographics\"");
      await q.query("CREATE TABLE \"patient_demographics\" (\"patientId\" varchar(36) PRIMARY KEY NOT NULL, \"birthYear\" integer, \"statedGender\" varchar(2), \"ethnicCategory\" varchar(2), \"updatedByUserId\" varchar(36) NOT NULL, \"updatedAt\" datetime NOT NULL)");
      await q.query("INSERT INTO \"patient_demographics\"(\"patientId\", \"birthYear\", \"statedGender\", \"ethnicCategory\", \"updatedByUserId\", \"updatedAt\") SELECT \"patientId\", \"birthYear\", \"statedGender\", \"ethnicCategory\", \"updatedByUserId\", \"updatedAt\" FROM \"temporary_patient_demographics\"");
      await q.query("DROP TABLE \"temporary_patient_demographics\"");
      await q.query("DROP INDEX \"ix_credentials_patient\"");
      await q.query("DROP INDEX \"ux_credentials_one_active\"");
      await q.query("ALTER TABLE \"credentials\" RENAME TO \"temporary_credentials\"");
      await q.query("CREATE TABLE \"credentials\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"patientId\" varchar(36) NOT NULL, \"skillLogId\" varchar(36) NOT NULL, \"status\" varchar(8) NOT NULL, \"activeKey\" varchar(36) NOT NULL, \"keyId\" varchar(64) NOT NULL, \"jwt\" text NOT NULL, \"credential\" text NOT NULL, \"issuedAt\" datetime NOT NULL, \"validUntil\" datetime, \"issuedByUserId\" varchar(36) NOT NULL, \"revokedByUserId\" varchar(36), \"revokedAt\" datetime, \"revokedReason\" text)");
      await q.query("INSERT INTO \"credentials\"(\"id\", \"patientId\", \"skillLogId\", \"status\", \"activeKey\", \"keyId\", \"jwt\", \"credential\", \"issuedAt\", \"validUntil\", \"issuedByUserId\", \"revokedByUserId\", \"revokedAt\", \"revokedReason\") SELECT \"id\", \"patientId\", \"skillLogId\", \"status\", \"activeKey\", \"keyId\", \"jwt\", \"credential\", \"issuedAt\", \"validUntil\", \"issuedByUserId\", \"revokedByUserId\", \"revokedAt\", \"revokedReason\" FROM \"temporary_credentials\"");
      await q.query("DROP TABLE \"temporary_credentials\"");
      await q.query("CREATE INDEX \"ix_credentials_patient\" ON \"credentials\" (\"patientId\", \"status\") ");
      await q.query("CREATE UNIQUE INDEX \"ux_credentials_one_active\" ON \"credentials\" (\"skillLogId\", \"activeKey\") ");
      await q.query("DROP INDEX \"ix_references_patient\"");
      await q.query("DROP INDEX \"ix_references_placement\"");
      await q.query("ALTER TABLE \"employment_references\" RENAME TO \"temporary_employment_references\"");
      await q.query("CREATE TABLE \"employment_references\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"patientId\" varchar(36) NOT NULL, \"placementId\" varchar(36) NOT NULL, \"status\" varchar(10) NOT NULL, \"verificationCode\" varchar(24) NOT NULL, \"facts\" text NOT NULL, \"statement\" text NOT NULL, \"refereeName\" varchar(120) NOT NULL, \"refereeJobTitle\" varchar(120) NOT NULL, \"showHospitalName\" boolean NOT NULL DEFAULT (0), \"draftedByUserId\" varchar(36) NOT NULL, \"approvedByUserId\" varchar(36), \"approvedAt\" datetime, \"withdrawnByUserId\" varchar(36), \"withdrawnAt\" datetime, \"withdrawnReason\" text, \"createdAt\" datetime NOT NULL, \"updatedAt\" datetime NOT NULL, CONSTRAINT \"UQ_20aea264e2c1881729e39db829d\" UNIQUE (\"verificationCode\"))");
      await q.query("INSERT INTO \"employment_references\"(\"id\", \"patientId\", \"placementId\", \"status\", \"verificationCode\", \"facts\", \"statement\", \"refereeName\", \"refereeJobTitle\", \"showHospitalName\", \"draftedByUserId\", \"approvedByUserId\", \"approvedAt\", \"withdrawnByUserId\", \"withdrawnAt\", \"withdrawnReason\", \"createdAt\", \"updatedAt\") SELECT \"id\", \"patientId\", \"placementId\", \"status\", \"verificationCode\", \"facts\", \"statement\", \"refereeName\", \"refereeJobTitle\", \"showHospitalName\", \"draftedByUserId\", \"approvedByUserId\", \"approvedAt\", \"withdrawnByUserId\", \"withdrawnAt\", \"withdrawnReason\", \"createdAt\", \"updatedAt\" FROM \"temporary_employment_references\"");
      await q.query("DROP TABLE \"temporary_employment_references\"");
      await q.query("CREATE INDEX \"ix_references_patient\" ON \"employment_references\" (\"patientId\", \"status\") ");
      await q.query("CREATE INDEX \"ix_references_placement\" ON \"employment_references\" (\"placementId\") ");
      await q.query("DROP INDEX \"ix_skill_logs_patient\"");
      await q.query("DROP INDEX \"ix_skill_logs_status\"");
      await q.query("ALTER TABLE \"skill_logs\" RENAME TO \"temporary_skill_logs\"");
      await q.query("CREATE TABLE \"skill_logs\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"patientId\" varchar(36) NOT NULL, \"skillId\" varchar(36) NOT NULL, \"level\" varchar(12) NOT NULL, \"levelRank\" integer NOT NULL, \"evidence\" text NOT NULL, \"occurredOn\" date NOT NULL, \"shiftId\" varchar(36), \"source\" varchar(8) NOT NULL, \"createdByUserId\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL, \"status\" varchar(8) NOT NULL, \"reviewedByUserId\" varchar(36), \"reviewedAt\" datetime, \"reviewComment\" text)");
      await q.query("INSERT INTO \"skill_logs\"(\"id\", \"patientId\", \"skillId\", \"level\", \"levelRank\", \"evidence\", \"occurredOn\", \"shiftId\", \"source\", \"createdByUserId\", \"createdAt\", \"status\", \"reviewedByUserId\", \"reviewedAt\", \"reviewComment\") SELECT \"id\", \"patientId\", \"skillId\", \"level\", \"levelRank\", \"evidence\", \"occurredOn\", \"shiftId\", \"source\", \"createdByUserId\", \"createdAt\", \"status\", \"reviewedByUserId\", \"reviewedAt\", \"reviewComment\" FROM \"temporary_skill_logs\"");
      await q.query("DROP TABLE \"temporary_skill_logs\"");
      await q.query("CREATE INDEX \"ix_skill_logs_patient\" ON \"skill_logs\" (\"patientId\", \"status\", \"skillId\") ");
      await q.query("CREATE INDEX \"ix_skill_logs_status\" ON \"skill_logs\" (\"status\", \"createdAt\") ");
      await q.query("DROP TABLE \"patient_demographics\"");
      await q.query("DROP INDEX \"ix_credentials_patient\"");
      await q.query("DROP INDEX \"ux_credentials_one_active\"");
      await q.query("DROP TABLE \"credentials\"");
      await q.query("DROP INDEX \"ix_references_patient\"");
      await q.query("DROP INDEX \"ix_references_placement\"");
      await q.query("DROP TABLE \"employment_references\"");
      await q.query("DROP INDEX \"ix_skill_logs_patient\"");
      await q.query("DROP INDEX \"ix_skill_logs_status\"");
      await q.query("DROP TABLE \"skill_logs\"");
      await q.query("DROP TABLE \"skills\"");
    }
  }
}
