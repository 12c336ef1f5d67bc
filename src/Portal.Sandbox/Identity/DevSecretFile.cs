namespace Portal.Sandbox.Identity;

/// <summary>A development key file: readable by its owner only, created once and reused afterwards.</summary>
internal static class DevSecretFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> unless it exists.</summary>
    public static void CreateOnce(string directory, string path, byte[] content)
    {
        Directory.CreateDirectory(directory);
        // Write aside, then move into place without overwriting: a concurrent creator may win, and its keys are used.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, fileOptions))
        {
            stream.Write(content);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
