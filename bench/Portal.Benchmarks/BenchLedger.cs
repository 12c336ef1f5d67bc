using Microsoft.AspNetCore.DataProtection;
using Portal.Web.Data.CallStore;

namespace Portal.Benchmarks;

/// <summary>The erasure ledger for benchmarks that build the ingest by hand: their databases hold no entries, so no salt is ever read.</summary>
internal static class BenchLedger
{
    public static ErasureLedger Empty { get; } = new(new EphemeralDataProtectionProvider(), TimeProvider.System);
}
