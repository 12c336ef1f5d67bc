using Portal.Telephony.Calls;

namespace Portal.Web.Features.Retention;

/// <summary>
/// The phone numbers of an erasure request as an administrator typed them: any format ("+49 30 1234567", "0049301234567",
/// "030 1234567"), one or more per line, separated by line breaks, commas or semicolons. A national number means a
/// different number on connections of different regions, so each entry is turned into E.164 per region
/// (<see cref="InRegion"/>); an entry that is a valid number in none of the connections' regions is unparseable and is
/// named, never guessed.
/// </summary>
public sealed class ErasureNumbers
{
    private static readonly char[] Separators = ['\n', '\r', ',', ';'];
    private readonly Dictionary<string, string[]> _byRegion;

    private ErasureNumbers(IReadOnlyList<string> entries, IReadOnlyList<string> unparseable, Dictionary<string, string[]> byRegion)
    {
        Entries = entries;
        Unparseable = unparseable;
        _byRegion = byRegion;
    }

    /// <summary>Every entry as typed (trimmed, each once).</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>Entries that are no valid phone number in any of the regions: named to the administrator, never matched.</summary>
    public IReadOnlyList<string> Unparseable { get; }

    /// <summary>The entries that are a valid number in at least one region, as typed.</summary>
    public IReadOnlyList<string> Parseable => Entries.Except(Unparseable).ToList();

    public static ErasureNumbers Parse(string text, IEnumerable<string> regions)
    {
        var entries = text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var byRegion = regions.Select(r => r.ToUpperInvariant()).Distinct()
            .ToDictionary(region => region, region => entries.Select(e => PhoneNumberNormalizer.TryToE164(e, region)).OfType<string>().Distinct().ToArray());
        var unparseable = entries.Where(e => byRegion.Keys.All(region => PhoneNumberNormalizer.TryToE164(e, region) is null)).ToList();
        return new ErasureNumbers(entries, unparseable, byRegion);
    }

    /// <summary>The entries that are valid numbers for a connection of this region, in E.164.</summary>
    public IReadOnlyList<string> InRegion(string region) => _byRegion.GetValueOrDefault(region.ToUpperInvariant(), []);

}
