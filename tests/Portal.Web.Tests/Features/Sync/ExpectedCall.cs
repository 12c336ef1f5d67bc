using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.Cinnox;
using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Sandbox.Vendors.Unpod;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony.Calls;

namespace Portal.Web.Tests.Features.Sync;

/// <summary>What a synced call must look like in the database, from the sandbox's ground truth (independent of the adapters).</summary>
public sealed record ExpectedCall(string VendorCallId, CallOutcome Outcome, int DurationSeconds, bool HasTranscript)
{
    public static ExpectedCall For(VendorKind vendor, GeneratedCall call) => vendor switch
    {
        VendorKind.NfonCallHistory => From(NfonCallHistoryGroundTruth.Expected(call, transcriptReady: true)),
        VendorKind.Cinnox => From(CinnoxExpectations.Expected(call)),
        VendorKind.Unpod => From(UnpodExpectations.Expected(call)),
        VendorKind.WebFones => WebFonesExpectations.For(call) is var w
            ? new ExpectedCall(w.VendorCallId, w.Outcome, w.DurationSeconds, HasTranscript: false)
            : throw new InvalidOperationException(),
        _ => throw new ArgumentOutOfRangeException(nameof(vendor)),
    };

    private static ExpectedCall From(NormalizedCall call) => new(call.VendorCallId, call.Outcome, call.DurationSeconds, call.Transcript is not null);
}
