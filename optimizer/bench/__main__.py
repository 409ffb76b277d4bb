from optimizer.bench.benchmark import main

main()
