using Microsoft.AspNetCore.Http;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.NfonCallHistory;

/// <summary>An error shows NFON's own <c>{"error": …}</c> message, never the start of whatever body came.</summary>
public sealed class NfonCallHistoryErrorBodyTests
{
    [Theory]
    [InlineData("text/html", "<html>gateway internal-host-17.corp</html>", "NFON Call History rejected the request (400) while testing the connection.")]
    [InlineData("application/json", """{"error":"from must be a number"}""", "NFON Call History rejected the request (400: from must be a number) while testing the connection.")]
    [InlineData("application/json", """{"message":"internal-host-17.corp"}""", "NFON Call History rejected the request (400) while testing the connection.")]
    public async Task TestConnectionAsync_ErrorBody_ShowsOnlyTheDocumentedMessage(string contentType, string body, string expected)
    {
        await using var vendor = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync(body);
        });
        var settings = new VendorConnectionSettings(VendorKind.NfonCallHistory, vendor.Url("/nfon-call-history"),
            new Dictionary<string, string> { [VendorSecrets.AccessToken] = "token" });

        var error = await LoopbackTelephony.Adapter(settings).TestConnectionAsync(CancellationToken.None);

        Assert.Equal(expected, error?.Message);
    }
}
