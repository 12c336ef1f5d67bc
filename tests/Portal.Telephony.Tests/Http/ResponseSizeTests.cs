using System.Text;
using Microsoft.AspNetCore.Http;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.Tests.Http;

/// <summary>A JSON answer is read up to a generous cap and no further.</summary>
public sealed class ResponseSizeTests
{
    [Fact]
    public async Task ReadSinceAsync_JsonAnswerWithoutEnd_IsRefusedBeyondTheCap()
    {
        await using var vendor = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"count":1,"data":[""", context.RequestAborted);
            var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("\"x\",", 16 * 1024)));
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        var settings = new VendorConnectionSettings(VendorKind.Unpod, vendor.Url("/unpod"),
            new Dictionary<string, string> { [VendorSecrets.Token] = "token", [VendorSecrets.OrgHandle] = "org" });
        var source = (ICallRecordSource)LoopbackTelephony.Adapter(settings);

        var read = Task.Run(async () =>
        {
            await foreach (var _ in source.ReadSinceAsync(DateTime.UtcNow.AddHours(-1), CancellationToken.None))
            {
            }
        });
        var ex = await Assert.ThrowsAsync<VendorException>(() => read.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(VendorErrorKind.MalformedResponse, ex.Error.Kind);
        Assert.Equal($"{vendor.BaseAddress.Authority} answered with more than {VendorHttp.MaxDocumentBytes / (1024 * 1024)} MB; the portal reads at most that much from one answer.", ex.Message);
    }
}
