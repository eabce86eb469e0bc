using System.Text;

namespace Rota.Handlers;

/// <summary>Keeps the first <c>limit</c> characters of a stream of lines and counts what it dropped.</summary>
internal sealed class BoundedText(int limit)
{
    private readonly StringBuilder _text = new();

    public long Dropped { get; private set; }

    public void AppendLine(string line)
    {
        lock (_text)
        {
            var room = limit - _text.Length;
            if (room <= 0) { Dropped += line.Length + 1; return; }
            if (line.Length + 1 > room)
            {
                _text.Append(line.AsSpan(0, Math.Max(0, room - 1))).Append('\n');
                Dropped += line.Length + 1 - room;
                return;
            }
            _text.Append(line).Append('\n');
        }
    }

    public override string ToString()
    {
        lock (_text) return Dropped == 0 ? _text.ToString() : _text + $"[truncated: {Dropped} more characters]\n";
    }
}
