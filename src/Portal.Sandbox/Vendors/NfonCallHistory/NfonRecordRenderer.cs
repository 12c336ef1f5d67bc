using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Portal.Sandbox.Company;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.NfonCallHistory;

/// <summary>Renders a published call as NFON's record, in NFON's words, from the extension's point of view.</summary>
internal static class NfonRecordRenderer
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>
    /// NFON's status vocabulary for the sandbox's end causes. NFON has no word for a technical failure; some busy
    /// calls come as "busy", a value the contract announces for the future (clients must treat it as unknown).
    /// </summary>
    public static string Status(GeneratedCall call) => call.Cause switch
    {
        EndCause.Completed => "answered",
        EndCause.NoAnswer or EndCause.Declined or EndCause.Unreachable => "missed",
        EndCause.CallerCancelled or EndCause.Abandoned => "cancelled",
        EndCause.Busy => call.Number % 2 == 0 ? "busy" : "missed",
        EndCause.NetworkError => "unknown",
        _ => "unknown",
    };

    /// <summary>inbound/outbound from the extension's view; an internal call is one or the other by who called.</summary>
    public static string Direction(GeneratedCall call) => call.Direction switch
    {
        CallDirection.Inbound => "inbound",
        CallDirection.Outbound => "outbound",
        _ => call.Number % 2 == 0 ? "inbound" : "outbound",
    };

    public static NfonRecordDto Render(PublishedCall published, bool complete, bool malformed)
    {
        var call = published.Call;
        var direction = Direction(call);
        var inbound = direction == "inbound";
        var ours = new NfonPartyDto(call.Extension.Name, call.Extension.Number, NfonCallHistorySandbox.Customer);
        var other = call.OtherExtension is { } colleague
            ? new NfonPartyDto(colleague.Name, colleague.Number, NfonCallHistorySandbox.Customer)
            : new NfonPartyDto(call.External.Name, call.External.E164.TrimStart('+'), "global");
        var ready = NfonCallHistorySandbox.IsTranscriptReady(published);

        return new NfonRecordDto
        {
            Uuid = call.Id,
            CallId = call.Number.ToString(CultureInfo.InvariantCulture),
            Created = malformed ? NfonCallHistorySandbox.MalformedCreated : Utc(call.StartedAtUtc),
            Updated = ready ? Utc(NfonCallHistorySandbox.TranscriptReadyAtUtc(call)) : null,
            Duration = call.TalkSeconds,
            Caller = inbound ? other : ours,
            Callee = inbound ? ours : other,
            Direction = direction,
            History = History(call),
            Status = Status(call),
            TrunkCode = call.OtherExtension is null ? NfonCallHistorySandbox.TrunkCode : null,
            Transcription = Transcription(call, ready, complete, inbound),
            CustomData = call.Number % 7 == 0 ? new Dictionary<string, string> { ["crm"] = $"ticket-{call.Number % 100_000}" } : null,
            UserUuid = UserUuid(call.Extension),
            Customer = NfonCallHistorySandbox.Customer,
            Extension = call.Extension.Number,
        };
    }

    /// <summary>A stable user id per extension (record.user_uuid, filter user_uuid:).</summary>
    public static string UserUuid(SandboxExtension extension)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("nfon-user/" + extension.Number));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    /// <summary>
    /// The extensions rung before the final one, oldest first. The service varies (absent, "extension", and an
    /// unknown future value that clients must read as "extension"); some calls also carry a history item of a
    /// future shape (neither caller nor callee) that clients must ignore.
    /// </summary>
    private static IReadOnlyList<NfonHistoryItemDto>? History(GeneratedCall call)
    {
        if (call.Diversions.Count == 0)
        {
            return null;
        }
        var items = call.Diversions.Select((leg, i) => new NfonHistoryItemDto
        {
            Callee = new NfonPartyDto(leg.Extension.Name, leg.Extension.Number, NfonCallHistorySandbox.Customer,
                ((i + call.Number) % 3) switch { 0 => null, 1 => "extension", _ => "pickup-line" }),
            Updated = Utc(leg.AtUtc),
        }).ToList();
        if (call.Number % 3 == 0)
        {
            items.Add(new NfonHistoryItemDto
            {
                Updated = Utc(call.Diversions[^1].AtUtc.AddSeconds(1)),
                Extra = new() { ["queue"] = JsonSerializer.SerializeToElement(new { name = "Waiting line", position = 2 }) },
            });
        }
        return items;
    }

    private static NfonTranscriptionDto? Transcription(GeneratedCall call, bool ready, bool complete, bool inbound)
    {
        if (call.Transcript is not { } transcript)
        {
            return null;
        }
        if (!ready || !complete)
        {
            return new NfonTranscriptionDto { Available = ready };
        }

        var ourSource = inbound ? "callee" : "caller";
        var theirSource = inbound ? "caller" : "callee";
        var answered = call.AnsweredAtUtc ?? call.StartedAtUtc;
        var entries = new List<NfonTranscriptEntryDto> { new(Local(answered), "caller", "start") };
        entries.AddRange(transcript.Lines.Select(line => new NfonTranscriptEntryDto(
            Local(answered.AddTicks((long)Math.Round(line.OffsetSeconds * TimeSpan.TicksPerSecond))),
            line.Speaker == call.Extension.Name ? ourSource : theirSource,
            "speech",
            line.Text)));
        entries.Add(new(Local(call.EndedAtUtc), "caller", "stop"));
        return new NfonTranscriptionDto { Available = true, Summary = transcript.Summary, LanguageAutodetect = true, Transcript = entries };
    }

    public static string Utc(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Transcript times carry an offset (as in NFON's examples): Berlin local time, fractions of seconds kept.</summary>
    private static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), Berlin).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", CultureInfo.InvariantCulture);
}
