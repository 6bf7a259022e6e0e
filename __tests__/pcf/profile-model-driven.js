process.env.HOST_PROFILE = "model-driven";
