using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Portal.Sandbox.Vendors.Unpod;

/// <summary>
/// The call-logs query as the emulator reads it. start_date/end_date (the documented filter) filter creation_time: a
/// date-time start is inclusive and a date-time end exclusive; a bare date (2026-02-07) means that whole UTC day, so a bare
/// end_date includes its day. Times without a zone are UTC. start_time/end_time (the open-source server's filter, in
/// <c>dd-mm-YYYY HH:MM:SS</c>) compare creation_time's UTC date only, both days included. Both filters apply when both are given.
/// </summary>
internal sealed record UnpodQuery(int Page, int PageSize, DateTime? From, DateTime? Until, DateOnly? FromDay, DateOnly? ToDay, string? CallType, string? CallStatus)
{
    private const string ServerTimeFormat = "dd-MM-yyyy HH:mm:ss";

    private static readonly string[] CallTypes = ["inbound", "outbound"];
    private static readonly string[] CallStatuses = ["completed", "missed", "failed", "no-answer"];

    /// <summary>The query; or the HTTP status and message of the error (404 "Invalid page." as Django REST framework says it, 400 otherwise).</summary>
    public static (UnpodQuery? Query, int Status, string? Error) Parse(IQueryCollection query)
    {
        var pageText = query["page"].ToString();
        if (!TryParseInt(pageText, 1, out var page) || page < 1)
        {
            return (null, StatusCodes.Status404NotFound, "Invalid page.");
        }
        if (!TryParseInt(query["page_size"].ToString(), UnpodSandbox.DefaultPageSize, out var pageSize) || pageSize < 1 || pageSize > UnpodSandbox.MaxPageSize)
        {
            return (null, StatusCodes.Status400BadRequest, $"page_size must be an integer from 1 to {UnpodSandbox.MaxPageSize}.");
        }
        if (!TryParseDate(query["start_date"].ToString(), endOfDay: false, out var from))
        {
            return (null, StatusCodes.Status400BadRequest, "start_date must be an ISO 8601 date or date-time.");
        }
        if (!TryParseDate(query["end_date"].ToString(), endOfDay: true, out var until))
        {
            return (null, StatusCodes.Status400BadRequest, "end_date must be an ISO 8601 date or date-time.");
        }
        if (!TryParseServerDay(query["start_time"].ToString(), out var fromDay))
        {
            return (null, StatusCodes.Status400BadRequest, "start_time must be dd-mm-YYYY HH:MM:SS.");
        }
        if (!TryParseServerDay(query["end_time"].ToString(), out var toDay))
        {
            return (null, StatusCodes.Status400BadRequest, "end_time must be dd-mm-YYYY HH:MM:SS.");
        }
        var callType = query["call_type"].ToString();
        if (callType.Length > 0 && !CallTypes.Contains(callType))
        {
            return (null, StatusCodes.Status400BadRequest, "call_type must be inbound or outbound.");
        }
        var callStatus = query["call_status"].ToString();
        if (callStatus.Length > 0 && !CallStatuses.Contains(callStatus))
        {
            return (null, StatusCodes.Status400BadRequest, "call_status must be completed, missed, failed or no-answer.");
        }
        return (new UnpodQuery(page, pageSize, from, until, fromDay, toDay, callType.Length > 0 ? callType : null, callStatus.Length > 0 ? callStatus : null), 200, null);
    }

    private static bool TryParseInt(string text, int fallback, out int value)
    {
        value = fallback;
        return text.Length == 0 || int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The day of a <c>dd-mm-YYYY HH:MM:SS</c> time (the server compares dates only).</summary>
    private static bool TryParseServerDay(string text, out DateOnly? day)
    {
        day = null;
        if (text.Length == 0)
        {
            return true;
        }
        if (DateTime.TryParseExact(text, ServerTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            day = DateOnly.FromDateTime(time);
            return true;
        }
        return false;
    }

    private static bool TryParseDate(string text, bool endOfDay, out DateTime? utc)
    {
        utc = null;
        if (text.Length == 0)
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            utc = DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc).AddDays(endOfDay ? 1 : 0);
            return true;
        }
        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            utc = time.UtcDateTime;
            return true;
        }
        return false;
    }
}
