namespace Portal.Sandbox.Vendors.Cinnox;

/// <summary>The audio every emulated recording downloads as: half a second of a 440 Hz tone, 8 kHz 8-bit mono WAV.</summary>
internal static class CinnoxRecordingAudio
{
    public const string ContentType = "audio/wav";

    public static byte[] Wav { get; } = Create();

    private static byte[] Create()
    {
        const int sampleRate = 8000;
        var samples = new byte[sampleRate / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (byte)(128 + 60 * Math.Sin(2 * Math.PI * 440 * i / sampleRate));
        }
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + samples.Length);
            writer.Write("WAVE"u8);
            writer.Write("fmt "u8);
            writer.Write(16);
            writer.Write((short)1); // PCM
            writer.Write((short)1); // mono
            writer.Write(sampleRate);
            writer.Write(sampleRate); // bytes per second
            writer.Write((short)1); // block align
            writer.Write((short)8); // bits per sample
            writer.Write("data"u8);
            writer.Write(samples.Length);
            writer.Write(samples);
        }
        return stream.ToArray();
    }
}
