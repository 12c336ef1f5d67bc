using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Sandbox.Tests;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Sync.Ingest;
using Portal.Web.Tests.Data.CallStore;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>
/// The real portal (Kestrel, SQLite, development sign-in, fixed clock) for the bulk-delete wizard: <see cref="MixedCalls"/> on two
/// connections, and <see cref="ErasureCalls"/> — Berlin's number as three vendors of region DE send it (NFON Call History in E.164,
/// WebFones nationally, CINNOX with 0049 and spaces), a diversion leg, and a near miss. The runner is not hosted, so jobs the tests
/// create stay pending and their calls stay: each test uses calls no other test's job takes.
/// </summary>
public sealed class WizardPortal : IAsyncLifetime
{
    public const string Berlin = "+493040506070";
    public static readonly DateTime ErasureStart = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    public PortalAppFactory App { get; } = PortalAppFactory.With(
        new() { ["Sync:Enabled"] = "false" },
        services: s =>
        {
            s.AddFixedClock(new FixedStartClock());
            s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService)
                && d.ImplementationFactory?.Method.DeclaringType?.DeclaringType == typeof(RetentionServiceCollectionExtensions)));
        });

    public IDbContextFactory<PortalDbContext> Contexts => App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
    public DeletionWizard Wizard => App.Services.GetRequiredService<DeletionWizard>();
    public MixedCalls Mixed { get; private set; } = default!;
    /// <summary>Vendor call id → the erasure connection's vendor, for the calls of Berlin's number.</summary>
    public IReadOnlyList<string> ErasureCalls { get; } = ["nfon-e164", "nfon-leg", "webfones-national", "cinnox-0049"];

    public async Task InitializeAsync()
    {
        Mixed = await MixedCalls.IngestAsync(App.Services);
        var ingestor = App.Services.GetRequiredService<CallIngestor>();
        var pages = new (VendorKind Vendor, NormalizedCall[] Calls)[]
        {
            (VendorKind.NfonCallHistory, [Call("nfon-e164", "+493040506070", 0), Call("nfon-leg", "+4989123456", 1, leg: Berlin), Call("nfon-other", "+493040506071", 2)]),
            (VendorKind.WebFones, [Call("webfones-national", "030 40506070", 3)]),
            (VendorKind.Cinnox, [Call("cinnox-0049", "0049 30 4050 6070", 4)]),
        };
        foreach (var (vendor, page) in pages)
        {
            int id;
            await using (var db = await Contexts.CreateDbContextAsync())
            {
                var connection = new Connection { Name = "Erasure " + vendor, Vendor = vendor, BaseUrl = "http://localhost/", PhoneRegion = "DE" };
                db.Connections.Add(connection);
                await db.SaveChangesAsync();
                id = connection.Id;
            }
            await ingestor.IngestAsync(id, page, [], null, CancellationToken.None);
        }
    }

    public async Task<PortalClient> SignedInAsync(string user)
    {
        var client = App.CreatePortalClient();
        await client.SignInAsync(user, user);
        return client;
    }

    public async Task<T> QueryAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await query(db);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    private static NormalizedCall Call(string id, string asSent, int hours, string? leg = null) => new()
    {
        VendorCallId = id,
        Direction = CallDirection.Inbound,
        Outcome = CallOutcome.Answered,
        StartedAtUtc = ErasureStart.AddHours(hours),
        DurationSeconds = 60,
        Extension = "101",
        ExternalNumber = PhoneNumberNormalizer.ToE164(asSent, "DE"),
        ExternalNumberOriginal = asSent,
        History = leg is null ? [] : [new CallLeg(ErasureStart.AddHours(hours), "callee", leg, null, null)],
        RawPayload = "{}",
    };
}
