using Portal.Sandbox.Company;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Tests.Vendors.WebFones;

/// <summary>The ground truth in WebFones' words, and what the adapter must make of it.</summary>
public sealed class WebFonesRecordsRenderingTests
{
    private static GeneratedCall Call(EndCause cause, CallDirection direction = CallDirection.Inbound, string e164 = "+12125550123", bool recording = false) => new()
    {
        Id = "00000000-0000-4000-8000-000000000001",
        Number = 1_040_123,
        Vendor = VendorKind.WebFones,
        StartedAtUtc = new DateTime(2025, 7, 2, 0, 54, 53, DateTimeKind.Utc),
        Direction = direction,
        Cause = cause,
        RingSeconds = 15,
        TalkSeconds = cause == EndCause.Completed ? 60 : 0,
        Extension = SandboxCompany.Extension("101"),
        External = new ExternalParty(e164, "John Smith", "US"),
        HasRecording = recording,
    };

    [Theory]
    [InlineData(EndCause.Completed, "ANSWERED")]
    [InlineData(EndCause.NoAnswer, "NO ANSWER")]
    [InlineData(EndCause.Busy, "BUSY")]
    [InlineData(EndCause.Declined, "BUSY")]
    [InlineData(EndCause.CallerCancelled, "CANCEL")]
    [InlineData(EndCause.Abandoned, "CANCEL")]
    [InlineData(EndCause.Unreachable, "FAILED")]
    [InlineData(EndCause.NetworkError, "CONGESTION")]
    public void Disposition_EndCause_IsTheAsteriskWord(EndCause cause, string expected)
    {
        Assert.Equal(expected, WebFonesRecords.Disposition(cause));
    }

    [Fact]
    public void Render_AnsweredOutgoingCall_UsesWebFonesFormats()
    {
        var record = WebFonesRecords.Render(Call(EndCause.Completed, CallDirection.Outbound, recording: true));

        Assert.Equal(new WebFonesRecord(1_040_123, "2025-07-01 20:54:53", "John Smith", "101", "OUTGOING", "(212) 555-0123",
            "(212) 555-0100, x101", "ANSWERED", 75, 60, 1), record);
    }

    [Theory]
    [InlineData("+12125550123", "(212) 555-0123")]
    [InlineData("+442079460958", "+44 20 7946 0958")]
    [InlineData("+4930123456789", "+49 30 123456789")]
    public void DisplayNumber_E164_IsNationalForUsAndInternationalOtherwise(string e164, string expected)
    {
        Assert.Equal(expected, WebFonesRecords.DisplayNumber(e164));
    }

    [Theory]
    [InlineData(EndCause.NoAnswer, CallDirection.Inbound, CallOutcome.Missed)]
    [InlineData(EndCause.Declined, CallDirection.Outbound, CallOutcome.NotConnected)]
    [InlineData(EndCause.Unreachable, CallDirection.Outbound, CallOutcome.Failed)]
    [InlineData(EndCause.NetworkError, CallDirection.Inbound, CallOutcome.Unknown)]
    public void Expectations_Outcome_FollowsTheVocabulary(EndCause cause, CallDirection direction, CallOutcome expected)
    {
        var expectation = WebFonesExpectations.For(Call(cause, direction));

        Assert.Equal(expected, expectation.Outcome);
        Assert.Equal("1040123", expectation.VendorCallId);
        Assert.Equal("+12125550123", expectation.ExternalNumber);
    }

    [Fact]
    public void ReadBackStart_RepeatedAutumnHour_IsTheStandardTimeReading()
    {
        var firstPass = new DateTime(2025, 11, 2, 5, 30, 0, DateTimeKind.Utc); // 01:30 EDT

        Assert.Equal(firstPass.AddHours(1), WebFonesExpectations.ReadBackStart(firstPass));
        Assert.Equal(firstPass.AddHours(1), WebFonesExpectations.ReadBackStart(firstPass.AddHours(1)));
        Assert.Equal(firstPass.AddHours(-2), WebFonesExpectations.ReadBackStart(firstPass.AddHours(-2)));
    }
}
