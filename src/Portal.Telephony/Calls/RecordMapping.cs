using System.Text.Json;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Calls;

/// <summary>A vendor record that cannot be mapped; the message is the reason in words.</summary>
public class UnreadableRecordException(string reason) : Exception(reason);

/// <summary>
/// Maps vendor records one at a time: whatever goes wrong with one record (a time the clocks skip, a date out of
/// range, any exception) makes that record a <see cref="SkippedRecord"/> with the reason, and the rest of the page
/// lands. Cancellation and <see cref="VendorException"/> (a problem of the connection, not of one record) pass.
/// </summary>
public static class RecordMapping
{
    /// <summary>Maps the record <paramref name="raw"/>; on failure its key is read from <paramref name="keyProperty"/> of the JSON.</summary>
    public static (NormalizedCall? Call, SkippedRecord? Skipped) MapOne(string raw, string keyProperty, Func<(NormalizedCall? Call, SkippedRecord? Skipped)> map)
    {
        try
        {
            return map();
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or VendorException))
        {
            return (null, new SkippedRecord(KeyOf(raw, keyProperty), Reason(ex), raw));
        }
    }

    /// <summary>The mapped calls and the skipped records of a page, in the order given.</summary>
    public static (List<NormalizedCall> Calls, List<SkippedRecord> Skipped) Split(IEnumerable<(NormalizedCall? Call, SkippedRecord? Skipped)> records)
    {
        var calls = new List<NormalizedCall>();
        var skipped = new List<SkippedRecord>();
        foreach (var (call, skip) in records)
        {
            if (call is not null)
            {
                calls.Add(call);
            }
            else
            {
                skipped.Add(skip!);
            }
        }
        return (calls, skipped);
    }

    /// <summary>The record's id as text (a JSON string or number), or null.</summary>
    private static string? KeyOf(JsonElement record, string property) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(property, out var key) && key.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? key.ToString()
            : null;

    private static string? KeyOf(string raw, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            return KeyOf(document.RootElement, property);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Reason(Exception exception) => exception is UnreadableRecordException
        ? exception.Message
        : $"The record could not be mapped ({exception.GetType().Name}): {exception.Message}";
}
