namespace NetOps.Collector.Tests.Snmp;

/// <summary>
/// The seeded mutator of the SNMP fuzz tests: one to four edits of a seed message (a byte replaced, the message cut,
/// a bit flipped, random bytes appended). <c>NETOPS_FUZZ_ITERATIONS</c> raises the 100,000 messages a test runs.
/// </summary>
internal static class SnmpMutator
{
    public static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("NETOPS_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 100_000;

    /// <summary>Copies a random seed into <paramref name="buffer"/>, mutates it and returns the mutated length.</summary>
    public static int Next(Random random, byte[][] seeds, byte[] buffer)
    {
        var seed = seeds[random.Next(seeds.Length)];
        int length = seed.Length;
        seed.CopyTo(buffer, 0);
        for (int e = 1 + random.Next(4); e > 0; e--)
        {
            switch (random.Next(4))
            {
                case 0: buffer[random.Next(length == 0 ? 1 : length)] = (byte)random.Next(256); break;
                case 1: length = random.Next(length + 1); break;
                case 2: buffer[random.Next(length == 0 ? 1 : length)] ^= (byte)(1 << random.Next(8)); break;
                default:
                    for (int k = random.Next(16); k > 0 && length < buffer.Length; k--) buffer[length++] = (byte)random.Next(256);
                    break;
            }
        }
        return length;
    }
}
