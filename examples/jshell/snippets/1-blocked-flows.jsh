// Load a deployment and list the intended flows its firewall blocks.
DeploymentModel model = load(SAMPLE);
blocked(model);
