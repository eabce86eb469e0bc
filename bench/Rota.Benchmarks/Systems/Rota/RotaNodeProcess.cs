using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Rota.Benchmarks.Child;
using Rota.Benchmarks.Measure;

namespace Rota.Benchmarks.Systems.Rota;

/// <summary>Parent side of a <see cref="RotaNodeEntry"/> process: another engine of a <c>--nodes</c> cluster.</summary>
internal sealed class RotaNodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _fires;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan _lastCpu;

    private RotaNodeProcess(Process process, string name, string fires)
    {
        _process = process;
        _fires = fires;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Launches node <paramref name="name"/> and waits until its engine is built (not started).</summary>
    public static async Task<RotaNodeProcess> LaunchAsync(string connectionString, string name, int workers, string directory)
    {
        var fires = Path.Combine(directory, name + "-fires.json");
        var psi = ChildLauncher.SelfStartInfo();
        psi.RedirectStandardInput = true;
        foreach (var a in new[] { RotaNodeEntry.Verb, "--pg", connectionString, "--name", name, "--workers", workers.ToString(CultureInfo.InvariantCulture), "--fires", fires })
            psi.ArgumentList.Add(a);
        var process = new Process { StartInfo = psi };
        var node = new RotaNodeProcess(process, name, fires);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Exited += (_, _) => { node._ready.TrySetException(new InvalidOperationException($"{name} exited with code {process.ExitCode}")); node._stopped.TrySetResult(); };
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node._ready.Task.WaitAsync(Limit);
        return node;
    }

    /// <summary>CPU time of the node process so far (its last reading once it has exited).</summary>
    public TimeSpan Cpu
    {
        get
        {
            try
            {
                _process.Refresh();
                if (!_process.HasExited) _lastCpu = _process.TotalProcessorTime;
            }
            catch (InvalidOperationException) { }
            return _lastCpu;
        }
    }

    public async Task StartAsync()
    {
        await _process.StandardInput.WriteLineAsync("start");
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Stops the engine and returns the fires its handlers recorded.</summary>
    public async Task<IReadOnlyList<FireRecord>> StopAsync()
    {
        _ = Cpu;
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("stop");
                await _process.StandardInput.FlushAsync();
            }
            catch (IOException) { }
        }
        await _stopped.Task.WaitAsync(Limit);
        await _process.WaitForExitAsync();
        if (!File.Exists(_fires)) return [];
        return JsonSerializer.Deserialize<FireRecord[]>(await File.ReadAllTextAsync(_fires), ChildProtocol.Json) ?? [];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { await StopAsync(); }
            catch (TimeoutException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        if (line == RotaNodeEntry.Ready) { _ready.TrySetResult(); return; }
        if (line == RotaNodeEntry.Stopped) { _stopped.TrySetResult(); return; }
        Console.Error.WriteLine($"[{Name}] {line}");
    }
}
