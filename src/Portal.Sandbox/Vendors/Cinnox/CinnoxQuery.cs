using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Portal.Sandbox.Vendors.Cinnox;

/// <summary>
/// The call-detail query as the emulator reads it. Window <c>[startAt, endAt)</c> on callDate (start inclusive, end
/// exclusive); both or neither. <c>status</c> is one display string ("Not Answered"), matched case-insensitively;
/// <c>callType</c> is onnet, offnet, smartcall or empty.
/// </summary>
internal sealed record CinnoxQuery(DateTime? StartAt, DateTime? EndAt, string? CallType, string? Status, int Offset, int Limit)
{
    public const int ParameterErrorCode = 6451000;

    private static readonly string[] CallTypes = ["onnet", "offnet", "smartcall"];

    /// <summary>The query, or the error message of code 6451000.</summary>
    public static (CinnoxQuery? Query, string? Error) Parse(IQueryCollection query)
    {
        var startText = query["startAt"].ToString();
        var endText = query["endAt"].ToString();
        if (string.IsNullOrEmpty(startText) != string.IsNullOrEmpty(endText))
        {
            return (null, "missing one of startAt, endAt");
        }
        DateTime? startAt = null, endAt = null;
        if (startText.Length > 0)
        {
            if (!TryParseTime(startText, out var start) || !TryParseTime(endText, out var end))
            {
                return (null, "Bad query");
            }
            if (end < start)
            {
                return (null, "endAt is prior to startAt");
            }
            (startAt, endAt) = (start, end);
        }
        if (!TryParseInt(query["offset"], 0, out var offset) || !TryParseInt(query["limit"], 0, out var limit))
        {
            return (null, "Bad query");
        }
        if (offset < 0)
        {
            return (null, "negative offset");
        }
        if (limit < 0)
        {
            return (null, "negative limit");
        }
        if (limit > CinnoxSandbox.MaxLimit)
        {
            return (null, $"exceed maximum limit {CinnoxSandbox.MaxLimit}");
        }
        var callType = query["callType"].ToString();
        if (callType.Length > 0 && !CallTypes.Contains(callType))
        {
            return (null, "Bad query");
        }
        var status = query["status"].ToString();
        return (new CinnoxQuery(startAt, endAt, callType.Length > 0 ? callType : null, status.Length > 0 ? status : null, offset,
            limit == 0 ? CinnoxSandbox.DefaultLimit : limit), null);
    }

    private static bool TryParseTime(string text, out DateTime utc)
    {
        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value);
        utc = value.UtcDateTime;
        return ok;
    }

    private static bool TryParseInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
