from learning.tests.fixtures import *  # noqa: F403
