// One server for every test, and one test restarts it: the tests of this assembly run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
