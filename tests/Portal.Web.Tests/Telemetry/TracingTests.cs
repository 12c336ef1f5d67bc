using System.Collections.ObjectModel;
using System.Diagnostics;
using OpenTelemetry.Trace;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Web.Features.Connections;
using Portal.Web.Features.Sync;
using Portal.Web.Tests.Features.Sync;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Telemetry;

/// <summary>The spans a real sync leaves, read with OpenTelemetry's in-memory exporter added to the portal's tracer provider.</summary>
public class TracingTests
{
    private static readonly VendorKind[] RecordVendors = [VendorKind.NfonCallHistory, VendorKind.WebFones, VendorKind.Cinnox, VendorKind.Unpod];

    // The credentials sent with vendor requests (NFON CTI's password only goes in a login body, never in a URL or a span).
    private static readonly string[] Credentials = SandboxConnectionSeeder.Accounts
        .SelectMany(a => a.Secrets)
        .Where(s => s.Key is VendorSecrets.AccessToken or VendorSecrets.ApiKey or VendorSecrets.AppToken or VendorSecrets.Token)
        .Select(s => s.Value)
        .ToArray();

    [Fact]
    public async Task Sync_EveryVendor_PagesAndVendorCallsNestUnderThePassAndNoSpanCarriesACredential()
    {
        await using var sandbox = await SyncEnvironment.StartAsync();
        var spans = new ExportedSpans();
        using var portal = PortalAppFactory.With(sandbox.PortalSettings(),
            services: s => s.AddFixedClock(sandbox.Clock).ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var ids = new Dictionary<VendorKind, int>();
        foreach (var vendor in RecordVendors.Append(VendorKind.NfonCti))
        {
            ids[vendor] = await sandbox.AddConnectionAsync(portal, vendor);
        }
        foreach (var id in ids.Values)
        {
            await WaitForSuccessAsync(portal, id);
        }

        // Only this test's sandbox port tells its vendor calls from those of portals in other tests (the listeners are process-wide).
        bool IsOurVendorCall(Activity span) => span.Kind == ActivityKind.Client && Equals(span.GetTagItem("server.port"), sandbox.SandboxAddress.Port);
        Activity? PassOf(VendorKind vendor, List<Activity> all) => all.FirstOrDefault(span => span.DisplayName == "sync records"
            && Equals(span.GetTagItem(SyncMetrics.ConnectionTag), ids[vendor]) && Equals(span.GetTagItem(SyncMetrics.VendorTag), vendor.ToString())
            && all.Any(call => IsOurVendorCall(call) && call.TraceId == span.TraceId));
        await WaitUntilAsync(() => Task.FromResult(RecordVendors.All(v => PassOf(v, spans.Snapshot()) is not null)), "every record vendor's pass has ended");

        var all = spans.Snapshot();
        foreach (var vendor in RecordVendors)
        {
            var pass = PassOf(vendor, all)!;
            var pages = all.Where(span => span.DisplayName == "sync page" && span.ParentSpanId == pass.SpanId && span.TraceId == pass.TraceId).ToList();
            Assert.NotEmpty(pages);
            Assert.All(pages, page => Assert.Equal(ids[vendor], page.GetTagItem(SyncMetrics.ConnectionTag)));
            Assert.True(pages.Sum(page => (int)page.GetTagItem("portal.sync.records")!) > 0, $"{vendor}: the page spans count their records");
        }
        var vendorCalls = all.Where(IsOurVendorCall).ToList();
        Assert.NotEmpty(vendorCalls);
        // .NET redacts a whole query to "*"; OpenTelemetry's own instrumentation each value to "Redacted".
        Assert.All(vendorCalls.Select(call => new Uri((string)call.GetTagItem("url.full")!).Query), query =>
            Assert.True(query is "" or "?*" || query.TrimStart('?').Split('&').All(p => p.EndsWith("=Redacted", StringComparison.Ordinal)),
                $"a vendor URL's query is recorded redacted, not as {query}"));
        Assert.All(all.SelectMany(span => span.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(span.DisplayName).Append(span.StatusDescription ?? "")),
            text => Assert.DoesNotContain(Credentials, credential => text.Contains(credential, StringComparison.Ordinal)));
    }

    /// <summary>What the exporter adds as spans end (on any thread), read safely while it goes on.</summary>
    private sealed class ExportedSpans : Collection<Activity>
    {
        protected override void InsertItem(int index, Activity item)
        {
            lock (this)
            {
                base.InsertItem(index, item);
            }
        }

        public List<Activity> Snapshot()
        {
            lock (this)
            {
                return [.. this];
            }
        }
    }
}
