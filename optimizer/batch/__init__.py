"""`periodize batch`: a coach's whole roster solved on Dask distributed (SPEC §8).

`inputs` reads clients (a folder of scenarios or a roster CSV), `tasks` is what a worker runs,
`runner` streams tasks through a Dask client (`batch(...)`, the Python API), `folder` writes
plans and the summary, resumes and replans a folder.
"""

from .folder import BatchReport, replan_batch, run_batch
from .inputs import Client, input_hash, read_clients
from .runner import BatchConfig, batch
from .tasks import Outcome

__all__ = ["BatchConfig", "BatchReport", "Client", "Outcome", "batch", "input_hash",
           "read_clients", "replan_batch", "run_batch"]
