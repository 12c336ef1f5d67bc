using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.NfonCti;

/// <summary>
/// NFON CTI: the tenant's extensions, live line state and presence, live call events and click-to-call. It has no
/// call records (it is not an <see cref="ICallRecordSource"/>).
/// </summary>
internal sealed class NfonCtiAdapter(NfonCtiClient client, NfonCtiStreamReader streams, VendorConnectionSettings settings, ILogger logger)
    : IExtensionDirectory, ILineStateStream, ICallEventStream, ICallControl
{
    private static readonly TimeSpan OriginateTimeout = TimeSpan.FromSeconds(30);

    public VendorKind Vendor => VendorKind.NfonCti;

    /// <summary>Signs in with the username and password.</summary>
    public async Task<VendorError?> TestConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.Tokens.SignInAsync(cancellationToken);
            return null;
        }
        catch (VendorException ex)
        {
            return ex.Error;
        }
    }

    /// <summary>Every extension; an entry without a recognisable extension number is left out (and logged).</summary>
    public async Task<IReadOnlyList<DirectoryExtension>> ListExtensionsAsync(CancellationToken cancellationToken)
    {
        var body = await client.ReadAsync(HttpMethod.Get, "extensions/phone/data", cancellationToken);
        JsonElement[] entries;
        try
        {
            entries = JsonSerializer.Deserialize<JsonElement[]>(body, NfonCtiJson.Options) ?? [];
        }
        catch (JsonException ex)
        {
            throw NfonCtiErrors.Malformed("an extension list", ex);
        }
        var extensions = new List<DirectoryExtension>(entries.Length);
        foreach (var entry in entries)
        {
            if (ReadExtension(entry) is { } extension)
            {
                extensions.Add(extension);
            }
            else
            {
                logger.LogWarning("Skipped an NFON CTI extension without an extension number: {Raw}", entry.GetRawText());
            }
        }
        return extensions;
    }

    /// <summary>The bootstrap of every extension, then changes; after a reconnect the bootstrap comes again.</summary>
    public async IAsyncEnumerable<LineStateChange> StreamLineStatesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var data in streams.ReadAsync("extensions/phone/states", cancellationToken))
        {
            if (ReadLineState(data) is { } change)
            {
                yield return change;
            }
            else
            {
                logger.LogWarning("Skipped an NFON CTI line state that could not be read: {Raw}", data);
            }
        }
    }

    /// <summary>
    /// The tenant's call events from now on. NFON CTI neither replays nor resumes: events of the moments
    /// between a drop and the reconnect are lost, and a call may show its hangup without its ring.
    /// </summary>
    public async IAsyncEnumerable<LiveCallEvent> StreamCallEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var data in streams.ReadAsync("extensions/phone/calls", cancellationToken))
        {
            if (ReadCallEvent(data) is { } callEvent)
            {
                yield return callEvent;
            }
            else
            {
                logger.LogWarning("Skipped an NFON CTI call event that could not be read: {Raw}", data);
            }
        }
    }

    /// <summary>
    /// Rings <paramref name="extension"/>, then dials <paramref name="destination"/>: a public number in any
    /// format (sent without '+' or '00', context global) or another extension (context left to the K-Account).
    /// Not retried: a repeated request would ring twice.
    /// </summary>
    public async Task<string> StartCallAsync(string extension, string destination, CancellationToken cancellationToken)
    {
        var (callee, calleeContext) = Destination(destination);
        var body = new NfonCtiOriginate(extension.Trim(), callee, calleeContext, extension.Trim());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(OriginateTimeout);
        using var response = await client.SendAsync(HttpMethod.Post, "extensions/phone/calls", "application/json",
            () => JsonContent.Create(body, options: NfonCtiJson.Options), retrying: false, HttpCompletionOption.ResponseContentRead, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw NfonCtiErrors.FromResponse(response.StatusCode, text);
        }
        try
        {
            return JsonSerializer.Deserialize<NfonCtiCall>(text, NfonCtiJson.Options)?.Uuid is { Length: > 0 } uuid
                ? uuid
                : throw NfonCtiErrors.Malformed("a started call without a uuid");
        }
        catch (JsonException ex)
        {
            throw NfonCtiErrors.Malformed("a started call", ex);
        }
    }

    /// <summary>Cancels a call that is still being established; false when NFON CTI no longer has it (404).</summary>
    public async Task<bool> EndCallAsync(string callId, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(HttpMethod.Delete, "extensions/phone/calls/" + Uri.EscapeDataString(callId), "application/json",
            null, retrying: true, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        return response.IsSuccessStatusCode
            ? true
            : throw NfonCtiErrors.FromResponse(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>The callee and its context: public numbers to digits without '+'/'00' and "global"; extensions as they are.</summary>
    internal (string Callee, string? Context) Destination(string destination)
    {
        var compact = new string(destination.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '(' or ')' or '/' or '.')).ToArray());
        var international = compact.StartsWith('+') ? compact[1..] : compact.StartsWith("00", StringComparison.Ordinal) ? compact[2..] : null;
        if (international is null && PhoneNumberNormalizer.ToE164(compact, settings.PhoneRegion) is { } e164 && e164.StartsWith('+'))
        {
            international = e164[1..];
        }
        var digits = international ?? compact;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            throw new VendorException(new VendorError(VendorKind.NfonCti, VendorErrorKind.Rejected,
                $"NFON CTI cannot dial \"{destination}\": it is neither a phone number nor an extension."));
        }
        return (digits, international is null ? null : NfonCtiVocabulary.GlobalContext);
    }

    private static DirectoryExtension? ReadExtension(JsonElement entry)
    {
        NfonCtiExtensionData? data;
        try
        {
            data = entry.Deserialize<NfonCtiExtensionData>(NfonCtiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
        var number = !string.IsNullOrWhiteSpace(data?.ExtensionNumber) ? data.ExtensionNumber.Trim()
            : data?.Uuid?.Split('@')[0].Trim() is { Length: > 0 } fromUuid ? fromUuid
            : null;
        return number is null ? null : new DirectoryExtension(number, string.IsNullOrWhiteSpace(data!.Name) ? null : data.Name, data.Uuid ?? number);
    }

    private static LineStateChange? ReadLineState(string data)
    {
        NfonCtiState? state;
        try
        {
            state = JsonSerializer.Deserialize<NfonCtiState>(data, NfonCtiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(state?.Extension))
        {
            return null;
        }
        return new LineStateChange(state.Extension.Trim(), NfonCtiVocabulary.Line(state.Line), NfonCtiVocabulary.PresenceOf(state.Presence),
            NfonCtiVocabulary.Time(state.Updated), state.Line ?? "", state.Presence);
    }

    private LiveCallEvent? ReadCallEvent(string data)
    {
        NfonCtiCall? call;
        try
        {
            call = JsonSerializer.Deserialize<NfonCtiCall>(data, NfonCtiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(call?.Uuid) || string.IsNullOrWhiteSpace(call.State))
        {
            return null;
        }
        return new LiveCallEvent(
            call.Uuid,
            call.State,
            string.IsNullOrWhiteSpace(call.Extension) ? null : call.Extension.Trim(),
            NfonCtiVocabulary.Direction(call.Direction),
            NfonCtiVocabulary.Party(call.Caller, call.CallerContext, settings.PhoneRegion),
            NfonCtiVocabulary.Party(call.Callee, call.CalleeContext, settings.PhoneRegion),
            NfonCtiVocabulary.Time(call.Updated),
            string.IsNullOrWhiteSpace(call.Error) ? null : call.Error);
    }
}
