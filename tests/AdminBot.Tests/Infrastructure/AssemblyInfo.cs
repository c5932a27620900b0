// Every test starts processes (silos, the admin bot) on a machine with two shared cores: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
