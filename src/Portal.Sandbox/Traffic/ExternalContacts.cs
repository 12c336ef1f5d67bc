using PhoneNumbers;

namespace Portal.Sandbox.Traffic;

/// <summary>The people and companies that call the sandbox company: valid numbers, mostly from one region.</summary>
internal static class ExternalContacts
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    // National significant number prefixes that give valid numbers, and the digits that follow.
    private static readonly Dictionary<string, (string[] Prefixes, int Digits)> Plans = new()
    {
        ["DE"] = (["30", "40", "89", "69", "221", "151", "160", "170", "176"], 8),
        ["AT"] = (["1", "664", "676"], 7),
        ["CH"] = (["44", "79", "78"], 7),
        ["GB"] = (["20", "7700", "161"], 7),
        ["FR"] = (["1", "6", "7"], 8),
        ["US"] = (["212", "415", "312", "617", "303", "206"], 7),
    };

    private static readonly string[] People =
        ["Lukas Braun", "Mia Krüger", "John Smith", "Emma Dubois", "Noah Keller", "Sofia Rossi", "Liam O'Brien", "Hanna Berg",
         "Paul Lang", "Marie Vogel", "Oliver Brown", "Ava Johnson", "Elias Frank", "Lea Haas", "James Wilson", "Chloe Martin"];

    private static readonly string[] Companies =
        ["Müller GmbH", "Nordwind Logistik", "Acme Corp", "Bergmann & Söhne", "Stadtwerke Süd", "Contoso Ltd", "Alpenblick AG",
         "Fabrikam Inc", "Rheinmetall Service", "Blue Harbor LLC"];

    public static IReadOnlyList<ExternalParty> Create(Random random, string mainRegion, int count)
    {
        var others = Plans.Keys.Where(r => r != mainRegion).ToArray();
        var contacts = new List<ExternalParty>(count);
        while (contacts.Count < count)
        {
            var region = random.NextDouble() < 0.85 ? mainRegion : others[random.Next(others.Length)];
            var e164 = ValidNumber(random, region);
            var nameRoll = random.NextDouble();
            var name = nameRoll < 0.35 ? People[random.Next(People.Length)]
                : nameRoll < 0.55 ? Companies[random.Next(Companies.Length)]
                : null;
            if (contacts.All(c => c.E164 != e164))
            {
                contacts.Add(new ExternalParty(e164, name, region));
            }
        }
        return contacts;
    }

    private static string ValidNumber(Random random, string region)
    {
        var (prefixes, digits) = Plans[region];
        while (true)
        {
            var national = prefixes[random.Next(prefixes.Length)] + random.Next(2, 10)
                + string.Concat(Enumerable.Range(0, digits - 1).Select(_ => random.Next(10)));
            var number = Phones.Parse(national, region);
            if (Phones.IsValidNumber(number))
            {
                return Phones.Format(number, PhoneNumberFormat.E164);
            }
        }
    }
}
