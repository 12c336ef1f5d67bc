using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Portal.Sandbox.Company;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.NfonCallHistory;

/// <summary>GET/DELETE /records and /records/{uuid}, and the SSE stream (GET /records with Accept: text/event-stream).</summary>
internal static class NfonRecordEndpoints
{
    private const VendorKind Vendor = VendorKind.NfonCallHistory;

    public static IResult List(HttpContext context, SandboxTraffic traffic, FaultRegistry faults, NfonOAuthServer auth)
    {
        if (Unauthorized(context, auth, out var customerLevel) is { } refused)
        {
            return refused;
        }
        if (!NfonRecordQuery.TryParse(context.Request.Query, out var query, out var error))
        {
            return NfonErrorResult.Create(StatusCodes.Status400BadRequest, error);
        }
        var log = traffic.Log(Vendor);
        if (WantsEventStream(context.Request))
        {
            return Stream(context, log, query, customerLevel, faults);
        }

        var matching = log.Current()
            .Select(p => (Published: p, Record: NfonRecordRenderer.Render(p, query.Complete, malformed: false)))
            .Where(r => query.Matches(r.Published, r.Record));
        var ordered = query.Ascending
            ? matching.OrderBy(r => r.Published.Call.StartedAtUtc).ThenBy(r => r.Record.Uuid, StringComparer.Ordinal)
            : matching.OrderByDescending(r => r.Published.Call.StartedAtUtc).ThenByDescending(r => r.Record.Uuid, StringComparer.Ordinal);
        var page = ordered.Skip(query.Offset);
        if (query.Limit > 0)
        {
            page = page.Take(query.Limit);
        }
        var records = page.Select(r => faults.ShouldMalform(Vendor) ? r.Record with { Created = NfonCallHistorySandbox.MalformedCreated } : r.Record).ToList();
        return Results.Json(records, NfonJson.Options);
    }

    public static IResult Get(string uuid, HttpContext context, SandboxTraffic traffic, FaultRegistry faults, NfonOAuthServer auth)
    {
        if (Unauthorized(context, auth, out _) is { } refused)
        {
            return refused;
        }
        // The contract declares no parameters here, but NFON's own examples send complete=true: honoured.
        var complete = false;
        if (context.Request.Query["complete"].ToString() is { Length: > 0 } text && !bool.TryParse(text, out complete))
        {
            return NfonErrorResult.Create(StatusCodes.Status400BadRequest, "complete must be true or false.");
        }
        if (!Guid.TryParse(uuid, out _))
        {
            return NfonErrorResult.Create(StatusCodes.Status400BadRequest, $"'{uuid}' is not a valid uuid.");
        }
        return traffic.Log(Vendor).Find(uuid) is { } published
            ? Results.Json(NfonRecordRenderer.Render(published, complete, faults.ShouldMalform(Vendor)), NfonJson.Options)
            : NfonErrorResult.Create(StatusCodes.Status404NotFound, $"Call record {uuid} not found.");
    }

    public static IResult Delete(string uuid, HttpContext context, SandboxTraffic traffic, NfonOAuthServer auth)
    {
        if (Unauthorized(context, auth, out _) is { } refused)
        {
            return refused;
        }
        if (!Guid.TryParse(uuid, out _))
        {
            return NfonErrorResult.Create(StatusCodes.Status400BadRequest, $"'{uuid}' is not a valid uuid.");
        }
        return traffic.Log(Vendor).Delete(uuid)
            ? Results.NoContent()
            : NfonErrorResult.Create(StatusCodes.Status404NotFound, $"Call record {uuid} not found.");
    }

    /// <summary>
    /// Deletes the records named by uuid, or those matching the filters. Unlike the vendor (whose contract reads
    /// "delete some or all call records"), a DELETE naming nothing is refused with 400 rather than deleting all.
    /// 404 when none of the named/matching records exists.
    /// </summary>
    public static IResult DeleteMany(HttpContext context, SandboxTraffic traffic, NfonOAuthServer auth)
    {
        if (Unauthorized(context, auth, out _) is { } refused)
        {
            return refused;
        }
        if (!NfonRecordQuery.TryParse(context.Request.Query, out var query, out var error))
        {
            return NfonErrorResult.Create(StatusCodes.Status400BadRequest, error);
        }
        if (!query.SelectsSomething)
        {
            return NfonErrorResult.Create(StatusCodes.Status400BadRequest,
                "Refusing to delete without uuid, filter, search, extension, from or to: that would delete every call record.");
        }
        var log = traffic.Log(Vendor);
        var ids = query.Uuids.Count > 0
            ? query.Uuids.Distinct(StringComparer.Ordinal)
            : log.Current().Where(p => query.Matches(p, NfonRecordRenderer.Render(p, complete: false, malformed: false))).Select(p => p.Call.Id);
        var deleted = ids.ToList().Count(log.Delete);
        return deleted > 0 ? Results.NoContent() : NfonErrorResult.Create(StatusCodes.Status404NotFound, "No matching call records found.");
    }

    private static IResult Stream(HttpContext context, SandboxCallLog log, NfonRecordQuery query, bool customerLevel, FaultRegistry faults)
    {
        // EA.2: a user-level token (no customer claim) must name the customer to stream; a customer-level one need not.
        if (!customerLevel && query.Customer is null)
        {
            return NfonErrorResult.Create(StatusCodes.Status400BadRequest, "customer is required for streaming with a user-level token (e.g. customer=K9999).");
        }
        if (!customerLevel && query.Customer != SandboxCompany.Tenant)
        {
            return NfonErrorResult.Create(StatusCodes.Status403Forbidden, $"No access to customer {query.Customer}.");
        }

        long after;
        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
        if (lastEventId.Length > 0)
        {
            if (!long.TryParse(lastEventId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out after) || after < -1)
            {
                return NfonErrorResult.Create(StatusCodes.Status400BadRequest, "Last-Event-ID must be an event id of this stream.");
            }
        }
        else
        {
            after = log.Current().Select(p => p.Sequence).DefaultIfEmpty(-1).Max(); // only what happens from now on
        }
        var dropAfter = faults.Get(Vendor).DropStreamsAfterEvents;
        return new NfonEventStreamResult(Events(log, after, query, dropAfter, faults, context.RequestAborted));
    }

    /// <summary>
    /// Each publication of a call, in order, with its sequence as id: a call whose transcript becomes ready is sent
    /// again (then with <c>updated</c> and <c>transcription.available=true</c>). Ends after <paramref name="dropAfter"/> events.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(
        SandboxCallLog log, long after, NfonRecordQuery query, int dropAfter, FaultRegistry faults,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sent = 0;
        await foreach (var published in log.WatchAsync(after, cancellationToken))
        {
            var record = NfonRecordRenderer.Render(published, query.Complete, malformed: false);
            if (!query.Matches(published, record))
            {
                continue;
            }
            if (faults.ShouldMalform(Vendor))
            {
                record = record with { Created = NfonCallHistorySandbox.MalformedCreated };
            }
            yield return new SseItem<string>(JsonSerializer.Serialize(record, NfonJson.Options))
            {
                EventId = published.Sequence.ToString(CultureInfo.InvariantCulture),
            };
            if (dropAfter > 0 && ++sent >= dropAfter)
            {
                yield break;
            }
        }
    }

    private static bool WantsEventStream(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase));

    private static IResult? Unauthorized(HttpContext context, NfonOAuthServer auth, out bool customerLevel)
    {
        var reason = auth.Reject(context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null, out customerLevel);
        return reason is null ? null : NfonErrorResult.Create(StatusCodes.Status401Unauthorized, reason);
    }
}
