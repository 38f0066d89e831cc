using NetOps.Analyzer.Anomaly.Nab;
using NetOps.Testing;

namespace NetOps.Analyzer.Tests.Anomaly.Nab;

/// <summary>The NAB corpus and the published Numenta HTM outputs, read once from the shared data (never copied).</summary>
public sealed class NabCorpusFixture
{
    private readonly Lazy<NabCorpus> _corpus = new(() => NabCorpus.Load(SharedData.Path("nab")));
    private readonly Lazy<Dictionary<string, double[]>> _numenta = new(() => NabResults.Load(SharedData.Path("nab/results/numenta")));

    public NabCorpus Corpus => _corpus.Value;

    public Dictionary<string, double[]> Numenta => _numenta.Value;
}
