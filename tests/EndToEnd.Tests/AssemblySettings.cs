// Each test here starts a simulator and several silo processes: run them one at a time, so they neither compete for
// the machine's few cores nor blur each other's timings.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
