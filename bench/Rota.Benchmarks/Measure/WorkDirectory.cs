namespace Rota.Benchmarks.Measure;

/// <summary>A fresh directory under the system temp folder for one child's database files; deleted on dispose.</summary>
internal sealed class WorkDirectory : IDisposable
{
    public WorkDirectory(string system)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rota-bench-{system}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
