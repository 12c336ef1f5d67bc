using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Portal.Telephony.Calls;

namespace Portal.Web.Data.CallStore;

/// <summary>
/// The erasure ledger: for an erasure request, a salted hash of each erased number with the request's time range, so that the
/// ingest refuses calls of that number from that range even when they arrive through a new connection to the same vendor
/// account or another vendor. Calls that start after the request are new data and are kept.
/// <para>
/// What is hashed: the E.164 form of a number ("+4930…"), nothing else; a call's numbers are its external number and the
/// number as the vendor sent it when they start with '+', and each diversion leg's number that does. The hash is
/// HMAC-SHA256 keyed with a per-installation salt, so the table alone cannot be checked against a list of numbers.
/// </para>
/// <para>
/// The salt: 32 random bytes made once, when the first entry is written, and stored in <c>PortalSecrets</c> protected by ASP.NET
/// Core Data Protection, whose keys the key-protection certificate encrypts — a copy of the database alone does not reveal it.
/// A stored random secret is stable; a value derived with <c>Protect</c> would not be (its output is randomized). The keys
/// that protected it stay in the key ring after they expire, so it can always be read back; losing the key ring makes the
/// ledger unreadable (the ingest then fails rather than letting an erased number back in).
/// </para>
/// <para>
/// Data Protection may write a new key to the database whenever it is used, so the salt is made and read outside any write
/// transaction (on SQLite that write would wait for the transaction's own lock): <see cref="PrepareToRecordAsync"/> before the
/// transaction that records, <see cref="PrepareToCheckAsync"/> before an ingest's transaction (nothing once the salt is read).
/// </para>
/// </summary>
public sealed class ErasureLedger(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    private const string SaltName = "ErasureLedgerSalt";
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Portal.ErasureLedger.Salt");
    private byte[]? _salt; // cached once read: it is committed and never changes

    /// <summary>Before the transaction that records: makes the salt if there is none (committed on its own) and reads it.</summary>
    public Task PrepareToRecordAsync(DbConnection connection, CancellationToken ct) => LoadSaltAsync(connection, create: true, ct);

    /// <summary>Before an ingest's transaction: reads the salt once it exists (afterwards: nothing). Without a salt there is no entry.</summary>
    public Task PrepareToCheckAsync(DbConnection connection, CancellationToken ct) => _salt is null ? LoadSaltAsync(connection, create: false, ct) : Task.CompletedTask;

    /// <summary>
    /// Writes an entry per distinct E.164 number (the others are ignored: they cannot match a call) inside the caller's
    /// transaction, covering calls that start in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>). Returns the entries written.
    /// Record in the transaction that selects the request's calls (a job's frozen items), and on PostgreSQL take every connection's
    /// <see cref="ConnectionWriteLock"/> first: an ingest checks the ledger after that lock, so a page that checked it before this
    /// commit has committed, and its calls are among those selected. (SQLite has one writer at a time.)
    /// </summary>
    public async Task<int> RecordAsync(DbConnection connection, DbTransaction transaction, IEnumerable<string> e164Numbers, DateTime? fromUtc,
        DateTime toUtc, long? reference, CancellationToken ct)
    {
        var numbers = e164Numbers.Where(IsE164).Distinct(StringComparer.Ordinal).ToArray();
        if (numbers.Length == 0)
        {
            return 0;
        }
        var salt = _salt ?? throw new InvalidOperationException($"Call {nameof(PrepareToRecordAsync)} before the transaction that records.");
        await using var insert = new SqlCommand(connection, transaction, LedgerSql.Insert);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var number in numbers)
        {
            await insert.Set("NumberHash", Hash(salt, number)).Set("FromUtc", fromUtc is { } from ? Utc(from) : null).Set("ToUtc", Utc(toUtc)).Set("Reference", reference)
                .Set("CreatedAtUtc", now).ExecuteAsync(ct);
        }
        return numbers.Length;
    }

    /// <summary>Whether the ledger holds any entry: one cheap read, so that an ingest with an empty ledger hashes nothing.</summary>
    public static async Task<bool> AnyAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var any = new SqlCommand(connection, transaction, LedgerSql.Any);
        return await any.ExecuteScalarInt64Async(ct) > 0;
    }

    /// <summary>
    /// The vendor ids of the calls the ledger covers: one of the call's numbers has an entry whose range holds the call's start.
    /// One query for the whole page (its hashed numbers in one IN list).
    /// </summary>
    public async Task<HashSet<string>> CoveredAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<NormalizedCall> calls,
        CancellationToken ct)
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var byNumber = new Dictionary<string, List<NormalizedCall>>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            foreach (var number in NumbersOf(call))
            {
                if (!byNumber.TryGetValue(number, out var list))
                {
                    byNumber[number] = list = [];
                }
                list.Add(call);
            }
        }
        if (byNumber.Count == 0)
        {
            return covered;
        }
        // Entries without a salt read before the transaction: both were made after that read (rare). Read it here.
        var salt = _salt ?? await ReadSaltAsync(connection, transaction, ct)
            ?? throw new InvalidOperationException("The erasure ledger has entries but no salt.");
        var byHash = byNumber.ToDictionary(n => Hash(salt, n.Key), n => n.Value, StringComparer.Ordinal);
        var hashes = byHash.Keys.ToArray();
        await using var query = new SqlCommand(connection, transaction, string.Format(System.Globalization.CultureInfo.InvariantCulture, LedgerSql.Entries,
            string.Join(", ", hashes.Select((_, i) => "@h" + i))));
        for (var i = 0; i < hashes.Length; i++)
        {
            query.Set("h" + i, hashes[i]);
        }
        await using var reader = await query.ReadAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            DateTime? from = reader.IsDBNull(1) ? null : DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
            var to = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc);
            foreach (var call in byHash[reader.GetString(0)])
            {
                var started = call.StartedAtUtc.ToUniversalTime();
                if ((from is null || started >= from) && started < to)
                {
                    covered.Add(call.VendorCallId);
                }
            }
        }
        return covered;
    }

    /// <summary>The call's numbers that can be in the ledger: those in E.164.</summary>
    private static IEnumerable<string> NumbersOf(NormalizedCall call)
    {
        if (IsE164(call.ExternalNumber))
        {
            yield return call.ExternalNumber!;
        }
        if (IsE164(call.ExternalNumberOriginal) && call.ExternalNumberOriginal != call.ExternalNumber)
        {
            yield return call.ExternalNumberOriginal!;
        }
        foreach (var leg in call.History)
        {
            if (IsE164(leg.Number))
            {
                yield return leg.Number!;
            }
        }
    }

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    private static bool IsE164(string? number) => number is { Length: > 1 } && number[0] == '+';

    private static string Hash(byte[] salt, string e164) => Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(e164)));

    /// <summary>
    /// Makes the salt (when <paramref name="create"/>) if there is none, outside any transaction, and caches it once read: it is
    /// committed and never changes. Two instances making it at once: the unique name keeps the first, and both read that one.
    /// </summary>
    private async Task LoadSaltAsync(DbConnection connection, bool create, CancellationToken ct)
    {
        if (_salt is not null)
        {
            return;
        }
        if (create)
        {
            await using var insert = new SqlCommand(connection, null, LedgerSql.InsertSecret);
            await insert.Set("Name", SaltName).Set("ProtectedValue", Convert.ToBase64String(_protector.Protect(RandomNumberGenerator.GetBytes(32))))
                .Set("CreatedAtUtc", clock.GetUtcNow().UtcDateTime).ExecuteAsync(ct);
        }
        _salt = await ReadSaltAsync(connection, null, ct);
    }

    private async Task<byte[]?> ReadSaltAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        string? stored;
        await using (var read = new SqlCommand(connection, transaction, LedgerSql.Secret))
        await using (var reader = await read.Set("Name", SaltName).ReadAsync(ct))
        {
            stored = await reader.ReadAsync(ct) ? reader.GetString(0) : null;
        }
        return stored is null ? null : _protector.Unprotect(Convert.FromBase64String(stored));
    }

    private static class LedgerSql
    {
        public const string Insert = """
            INSERT INTO "ErasureLedger" ("NumberHash", "FromUtc", "ToUtc", "Reference", "CreatedAtUtc")
            VALUES (@NumberHash, @FromUtc, @ToUtc, @Reference, @CreatedAtUtc)
            """;

        public const string Any = """SELECT COUNT(*) FROM (SELECT 1 FROM "ErasureLedger" LIMIT 1) AS "Any" """;

        /// <summary><c>{0}</c>: the hashes' parameters.</summary>
        public const string Entries = """SELECT "NumberHash", "FromUtc", "ToUtc" FROM "ErasureLedger" WHERE "NumberHash" IN ({0})""";

        public const string InsertSecret = """
            INSERT INTO "PortalSecrets" ("Name", "ProtectedValue", "CreatedAtUtc") VALUES (@Name, @ProtectedValue, @CreatedAtUtc)
            ON CONFLICT ("Name") DO NOTHING
            """;

        public const string Secret = """SELECT "ProtectedValue" FROM "PortalSecrets" WHERE "Name" = @Name""";
    }
}
