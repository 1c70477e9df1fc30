-- A per-region caseload ceiling per regisseur (issue 16 §8); null: none.
ALTER TABLE "process_settings" ADD COLUMN "caseload_ceiling" integer;
