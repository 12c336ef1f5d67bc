using System.Buffers.Binary;

namespace Portal.Sandbox.Vendors.WebFones;

/// <summary>A small valid WAV (8 kHz, 16-bit mono PCM, one second of a tone that depends on the rid).</summary>
public static class WebFonesRecordingAudio
{
    public const string ContentType = "audio/wav";
    private const int SampleRate = 8000;

    public static byte[] Create(long rid)
    {
        var frequency = 300 + rid % 500;
        var samples = SampleRate;
        var data = samples * 2;
        var wav = new byte[44 + data];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + data);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);          // PCM header size
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);           // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);           // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * 2); // bytes per second
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);           // block align
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);          // bits per sample
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], data);
        for (var i = 0; i < samples; i++)
        {
            var sample = (short)(8000 * Math.Sin(2 * Math.PI * frequency * i / SampleRate));
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + i * 2)..], sample);
        }
        return wav;
    }
}
