using Microsoft.EntityFrameworkCore;

namespace Sia.Funding.Data;

/// <summary>
/// What the database itself enforces on the ledger: journal entries and lines are never updated, deleted or truncated (a
/// correction is a reversing entry), and each entry's lines sum to zero when its transaction commits. Installed after
/// every migration rather than in one, so that regenerating the InitialCreate migration cannot drop them.
/// </summary>
internal static class LedgerGuards
{
    public static Task InstallAsync(FundingDbContext db, CancellationToken cancellationToken) => db.Database.ExecuteSqlRawAsync("""
        CREATE OR REPLACE FUNCTION refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'The ledger is append-only: % on % is refused; a correction is a reversing entry.', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
        END $$;

        CREATE OR REPLACE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
          FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
        CREATE OR REPLACE TRIGGER journal_entries_not_truncated BEFORE TRUNCATE ON journal_entries
          FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();
        CREATE OR REPLACE TRIGGER journal_lines_append_only BEFORE UPDATE OR DELETE ON journal_lines
          FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change();
        CREATE OR REPLACE TRIGGER journal_lines_not_truncated BEFORE TRUNCATE ON journal_lines
          FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();

        CREATE OR REPLACE FUNCTION check_journal_entry_sums_to_zero() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF (SELECT sum(amount_pence) FROM journal_lines WHERE entry_id = NEW.entry_id) <> 0 THEN
            RAISE EXCEPTION 'Journal entry % does not balance: its lines must sum to zero.', NEW.entry_id USING ERRCODE = 'check_violation';
          END IF;
          RETURN NULL;
        END $$;

        -- CREATE OR REPLACE does not take constraint triggers.
        DROP TRIGGER IF EXISTS journal_lines_sum_to_zero ON journal_lines;
        CREATE CONSTRAINT TRIGGER journal_lines_sum_to_zero AFTER INSERT ON journal_lines DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW EXECUTE FUNCTION check_journal_entry_sums_to_zero();
        """, cancellationToken);
}
