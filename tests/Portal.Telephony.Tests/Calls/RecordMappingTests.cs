using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.Calls;

public sealed class RecordMappingTests
{
    private const string Raw = """{"id":"call-7","callDate":"9999-12-31T23:59:59Z"}""";

    [Fact]
    public void MapOne_AnyExceptionOfTheMapper_SkipsTheRecordWithTypeMessageKeyAndRawPayload()
    {
        var (call, skipped) = RecordMapping.MapOne(Raw, "id", () => throw new ArgumentOutOfRangeException(null, "The added or subtracted value results in an un-representable DateTime."));

        Assert.Null(call);
        Assert.Equal(new SkippedRecord("call-7", "The record could not be mapped (ArgumentOutOfRangeException): The added or subtracted value results in an un-representable DateTime.", Raw), skipped);
    }

    [Fact]
    public void MapOne_UnreadableRecord_KeepsTheReasonAsWritten()
    {
        var (_, skipped) = RecordMapping.MapOne("not json", "id", () => throw new UnreadableRecordException("The record has no id."));

        Assert.Equal(new SkippedRecord(null, "The record has no id.", "not json"), skipped);
    }

    [Fact]
    public void MapOne_CancellationOrConnectionError_IsNotTheRecordsFault()
    {
        var configuration = new VendorException(new VendorError(VendorKind.Unpod, VendorErrorKind.Configuration, "The time zone 'Mars/Olympus' is not known."));

        Assert.Throws<OperationCanceledException>(() => RecordMapping.MapOne(Raw, "id", () => throw new OperationCanceledException()));
        Assert.Same(configuration, Assert.Throws<VendorException>(() => RecordMapping.MapOne(Raw, "id", () => throw configuration)));
    }
}
