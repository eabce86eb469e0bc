namespace Rota.Server.Dashboard.Models;

/// <summary>The pipeline editor's form: the definition as YAML or JSON, and — after a successful check — the checked
/// text's fingerprint, so "Yes, save" stores exactly what was previewed.</summary>
public sealed class PipelineFormModel
{
    public string? Text { get; set; }
    public string? Checked { get; set; }
    public string? Save { get; set; }
}
