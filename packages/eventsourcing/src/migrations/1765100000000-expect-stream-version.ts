import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * es_expect_version(stream, expected): the stream's version, or an error
 * (SQLSTATE ES409) when it is not the expected one (NULL expects any). An
 * append checks the version with it, so a conflict aborts the whole statement,
 * including the writes that travel with the events (a read model row, the
 * inbox row of the message being handled) instead of writing them alone.
 */
export class ExpectStreamVersion1765100000000 implements MigrationInterface {
  name = "ExpectStreamVersion1765100000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION es_expect_version(stream text, expected integer) RETURNS integer
      LANGUAGE plpgsql AS $body$
      DECLARE
        actual integer;
      BEGIN
        SELECT COALESCE(max(stream_version), 0) INTO actual FROM es_events WHERE stream_id = stream;
        IF expected IS NOT NULL AND actual <> expected THEN
          RAISE EXCEPTION 'stream % is at version %, not %', stream, actual, expected
            USING ERRCODE = 'ES409';
        END IF;
        RETURN actual;
      END
      $body$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS es_expect_version(text, integer)`);
  }
}
