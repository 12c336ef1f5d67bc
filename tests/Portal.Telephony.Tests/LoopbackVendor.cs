using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Telephony.Tests;

/// <summary>
/// A vendor on a free loopback port that answers every request with one fixed JSON body (real HTTP): for records
/// the emulators never send, such as a local time the clocks skip or a date at the end of the calendar.
/// </summary>
public sealed class LoopbackVendor : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackVendor(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<LoopbackVendor> StartAsync(string json)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(json);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackVendor(app, new Uri(address + "/"));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
