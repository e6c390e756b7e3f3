"""Taking a country repository to its servers: secrets, artefacts, Ansible runs.

``govlearn deploy`` = :func:`govlearn.deploy.deployment.deploy`: it finds the repository,
makes sure its vault of secrets exists, packs the code and the wheelhouse, and runs
``playbooks/site.yml`` through ansible-runner with a progress display.
"""
