namespace NetOps.Bench.Ceptoar;

/// <summary>Per-mail signing times of one signer, in milliseconds (sorted), and what it allocated per mail.</summary>
public sealed record SigningRun(string Name, double[] SortedMs, double AllocatedBytesPerMail, long MailBytes)
{
    public int Count => SortedMs.Length;

    public double Percentile(double p) => SortedMs[(int)Math.Round(p * (SortedMs.Length - 1))];

    public double MeanMs => SortedMs.Average();
}
