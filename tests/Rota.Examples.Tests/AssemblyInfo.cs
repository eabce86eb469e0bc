// Each test runs a real server process and times some of its steps against the examples' clock: one at a time, so
// two servers never compete for the machine's two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
