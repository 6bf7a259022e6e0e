process.env.HOST_PROFILE = "no-xrm";
