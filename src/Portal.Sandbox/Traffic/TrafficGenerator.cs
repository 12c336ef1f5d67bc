using System.Security.Cryptography;
using System.Text;
using PhoneNumbers;
using Portal.Sandbox.Company;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Traffic;

/// <summary>
/// Realistic call traffic, the same for the same seed: business hours and weekdays, a vendor's outcome mix,
/// repeat callers, ring groups, transcripts and recordings. Each local day is generated on its own, so any
/// window of time gives the same calls whenever it is asked for.
/// </summary>
public sealed class TrafficGenerator
{
    // Share of the day's calls starting in each local hour: business hours, a thin night line.
    private static readonly double[] HourWeights =
        [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 2, 6, 9, 10, 9, 6, 7, 9, 9, 8, 6, 3, 1.5, 1, 0.6, 0.4, 0.3];
    // Monday .. Sunday
    private static readonly double[] WeekdayFactor = [1.1, 1.0, 1.0, 1.0, 0.9, 0.25, 0.1];

    private readonly TrafficProfile _profile;
    private readonly int _seed;
    private readonly int _callsPerDay;
    private readonly TimeZoneInfo _zone;
    private readonly IReadOnlyList<ExternalParty> _contacts;

    public TrafficGenerator(TrafficProfile profile, int seed, int callsPerDay)
    {
        _profile = profile;
        _seed = seed;
        _callsPerDay = callsPerDay;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone);
        _contacts = ExternalContacts.Create(new Random(Mix(seed, (int)profile.Vendor, 0)), profile.ExternalRegion, 250);
    }

    public TrafficProfile Profile => _profile;

    /// <summary>The calls that ended in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), by end time.</summary>
    public IEnumerable<GeneratedCall> CallsEndedBetween(DateTime fromUtc, DateTime toUtc)
    {
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(fromUtc, _zone)).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(toUtc, _zone));
        return Enumerable.Range(0, lastDay.DayNumber - firstDay.DayNumber + 1)
            .SelectMany(offset => CallsOfDay(firstDay.AddDays(offset)))
            .Where(c => c.EndedAtUtc >= fromUtc && c.EndedAtUtc < toUtc)
            .OrderBy(c => c.EndedAtUtc).ThenBy(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>All calls starting on one local day.</summary>
    public IReadOnlyList<GeneratedCall> CallsOfDay(DateOnly day)
    {
        var random = new Random(Mix(_seed, (int)_profile.Vendor, day.DayNumber));
        var weekday = ((int)day.DayOfWeek + 6) % 7;
        var count = (int)Math.Round(_callsPerDay * WeekdayFactor[weekday] * (0.85 + random.NextDouble() * 0.3));
        var calls = new List<GeneratedCall>(count);
        for (var index = 0; index < count; index++)
        {
            calls.Add(NextCall(random, day, index));
        }
        return calls;
    }

    private GeneratedCall NextCall(Random random, DateOnly day, int index)
    {
        var localStart = day.ToDateTime(new TimeOnly(Pick(random, HourWeights), random.Next(60), random.Next(60)));
        var startedAtUtc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(localStart, DateTimeKind.Unspecified), _zone);

        var directionRoll = random.NextDouble();
        var direction = _profile.InternalCalls && directionRoll < 0.1 ? CallDirection.Internal
            : directionRoll < 0.6 ? CallDirection.Inbound : CallDirection.Outbound;
        var cause = NextCause(random, direction);
        var extension = SandboxCompany.Extensions[random.Next(SandboxCompany.Extensions.Count)];
        var other = direction == CallDirection.Internal
            ? SandboxCompany.Extensions.Where(e => e != extension).ElementAt(random.Next(SandboxCompany.Extensions.Count - 1))
            : null;
        var external = other is null
            ? _contacts[(int)(Math.Pow(random.NextDouble(), 2) * _contacts.Count)] // some callers call often
            : new ExternalParty(other.Number, other.Name, _profile.ExternalRegion);

        var ringSeconds = cause == EndCause.Completed ? random.Next(2, 25) : random.Next(5, 40);
        var talkSeconds = cause == EndCause.Completed ? (int)Math.Clamp(Math.Exp(4.3 + random.NextDouble() * 2.2) - 40, 8, 3600) : 0;
        var diversions = _profile.Diversions && direction == CallDirection.Inbound && random.NextDouble() < 0.15
            ? Diversions(random, startedAtUtc, extension)
            : [];
        var answered = cause == EndCause.Completed;

        return new GeneratedCall
        {
            Id = DeterministicGuid(day, index),
            Number = 1_000_000L + (long)day.DayNumber * 2_000 + index,
            Vendor = _profile.Vendor,
            StartedAtUtc = startedAtUtc,
            Direction = direction,
            Cause = cause,
            RingSeconds = ringSeconds,
            TalkSeconds = talkSeconds,
            Extension = extension,
            External = external,
            OtherExtension = other,
            Diversions = diversions,
            Transcript = _profile.Transcripts && answered && random.NextDouble() < 0.35
                ? Transcripts.Create(random, extension, external, talkSeconds)
                : null,
            HasRecording = _profile.Recordings && answered && random.NextDouble() < 0.4,
        };
    }

    private static EndCause NextCause(Random random, CallDirection direction)
    {
        var roll = random.NextDouble();
        if (roll < 0.72)
        {
            return EndCause.Completed;
        }
        if (roll < 0.75)
        {
            return random.NextDouble() < 0.6 ? EndCause.Unreachable : EndCause.NetworkError;
        }
        EndCause[] inbound = [EndCause.NoAnswer, EndCause.NoAnswer, EndCause.CallerCancelled, EndCause.CallerCancelled, EndCause.Busy, EndCause.Abandoned, EndCause.Declined];
        EndCause[] outbound = [EndCause.NoAnswer, EndCause.NoAnswer, EndCause.Busy, EndCause.Declined, EndCause.CallerCancelled];
        var choices = direction == CallDirection.Outbound ? outbound : inbound;
        return choices[random.Next(choices.Length)];
    }

    private static IReadOnlyList<GeneratedLeg> Diversions(Random random, DateTime startedAtUtc, SandboxExtension final)
    {
        var teammates = SandboxCompany.Extensions.Where(e => e.TeamKey == final.TeamKey && e != final).ToList();
        var count = Math.Min(teammates.Count, random.Next(1, 3));
        return teammates.OrderBy(_ => random.Next()).Take(count)
            .Select((extension, i) => new GeneratedLeg(startedAtUtc.AddSeconds(i * 15), extension))
            .ToList();
    }

    private static int Pick(Random random, double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    private string DeterministicGuid(DateOnly day, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{_seed}/{_profile.Vendor}/{day.DayNumber}/{index}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x40); // version 4 layout
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    // Not HashCode: it is randomized per process, and the traffic must not be.
    private static int Mix(int a, int b, int c)
    {
        unchecked
        {
            var h = 17;
            h = h * 31 + a;
            h = h * 31 + b;
            h = h * 31 + c;
            return h & 0x7FFFFFFF;
        }
    }
}
